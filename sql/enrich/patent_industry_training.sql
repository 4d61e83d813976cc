with final as (
    select p.patent_id, p.title, p.abstract, i.industry_code
    from enrich.patent_industry as i
    inner join core.patent as p on p.patent_id = i.patent_id
    where i.level = 1 and i.is_primary and i.method = 'concordance' and coalesce(p.title, '') <> ''
    order by p.patent_id
)
select * from final
