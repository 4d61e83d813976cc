-- Documents of the landscape: every patent with a primary level-1 industry, its IPC/CPC symbols (shared by a
-- Chinese and an English filing, so they anchor the language-independent map) and a hash of text and codes so
-- a night can tell new or edited documents from those already placed.
create or replace temp table topic_document as
with codes as (
    select patent_id, string_agg(symbol, '|' order by is_main desc, sequence, symbol) as codes
    from core.classification
    where scheme in ('IPC', 'CPC')
    group by patent_id
),

final as (
    select
        p.patent_id,
        p.title,
        p.abstract,
        i.industry_code,
        p.filing_year,
        md5(coalesce(p.title, '') || chr(31) || coalesce(p.abstract, '') || chr(31) || coalesce(c.codes, ''))
            as doc_hash,
        c.codes
    from core.patent as p
    inner join enrich.patent_industry as i on i.patent_id = p.patent_id
    left join codes as c on c.patent_id = p.patent_id
    where i.level = 1 and i.is_primary
)

select * from final order by patent_id
