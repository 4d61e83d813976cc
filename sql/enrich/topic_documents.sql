with final as (
    select p.patent_id, p.title, p.abstract, i.industry_code, p.filing_year
    from core.patent as p
    inner join enrich.patent_industry as i on i.patent_id = p.patent_id
    where i.level = 1 and i.is_primary
    order by p.patent_id
)
select * from final
