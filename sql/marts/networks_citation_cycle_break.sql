-- Edges dropped to make the citation graph acyclic, with the rule that dropped each.
create or replace table mart.citation_cycle_break as
with final as (
    select citing_id, cited_id, citing_year, cited_year, rule
    from nw_cycle_break
)

select * from final order by citing_id, cited_id
