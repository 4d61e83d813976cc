-- Applicant A cites applicant B: each distinct in-corpus citation edge counts once per (citing entity,
-- cited entity) pair of the two patents.
create or replace table mart.applicant_citation_flow as
with edges as (
    select distinct citing_patent_id as citing_id, cited_patent_id as cited_id
    from core.citation
    where cited_patent_id is not null and cited_patent_id <> citing_patent_id
),

final as (
    select
        citing.entity_id as citing_entity_id,
        cited.entity_id as cited_entity_id,
        count(*) as citation_count,
        citing.entity_id = cited.entity_id as is_self
    from edges
    inner join nw_entity as citing on citing.patent_id = edges.citing_id
    inner join nw_entity as cited on cited.patent_id = edges.cited_id
    group by all
)

select * from final order by citing_entity_id, cited_entity_id
