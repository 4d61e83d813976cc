with final as (
    select p.patent_id, p.title, p.abstract
    from core.patent as p
    anti join enrich.patent_industry as i on i.patent_id = p.patent_id
    order by p.patent_id
)
select * from final
