-- Every document the text model speaks about: patents without codes (it labels them) and patents labelled by
-- their codes with a title (it may disagree). doc_hash identifies the text, so equal texts are predicted once.
create or replace temp table industry_text_document as
with labelled as (
    select patent_id, industry_code as code_industry
    from enrich.patent_industry
    where level = 1 and is_primary and method = 'concordance'
),

final as (
    select
        p.patent_id,
        p.title,
        p.abstract,
        l.code_industry,
        md5(coalesce(p.title, '') || chr(31) || coalesce(p.abstract, '')) as doc_hash
    from core.patent as p
    left join labelled as l on l.patent_id = p.patent_id
    where l.patent_id is null or coalesce(p.title, '') <> ''
)

select * from final
