-- No text model yet (no labelled text): patents without codes are labelled, honestly, as OTHER with score 0.
insert into enrich.patent_industry by name
select
    patent_id,
    'OTHER' as industry_code,
    1 as level,
    0.0 as score,
    'model' as method,
    true as is_primary,
    $taxonomy_version as taxonomy_version,
    cast(null as varchar) as model_version,
    false as disagrees_with_codes
from industry_text_document
where code_industry is null
