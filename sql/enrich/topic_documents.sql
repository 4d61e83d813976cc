-- Documents of the landscape: every patent with a primary level-1 industry, with a hash of its text so a night
-- can tell new or edited documents from those already placed.
create or replace temp table topic_document as
with final as (
    select
        p.patent_id,
        p.title,
        p.abstract,
        i.industry_code,
        p.filing_year,
        md5(coalesce(p.title, '') || chr(31) || coalesce(p.abstract, '')) as doc_hash
    from core.patent as p
    inner join enrich.patent_industry as i on i.patent_id = p.patent_id
    where i.level = 1 and i.is_primary
)

select * from final order by patent_id
