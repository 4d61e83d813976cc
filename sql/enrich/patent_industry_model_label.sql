-- Patents without IPC/CPC codes take the text model's level-1 label.
insert into enrich.patent_industry by name
select
    patent_id,
    industry_code,
    1 as level,
    score,
    'model' as method,
    true as is_primary,
    $taxonomy_version as taxonomy_version,
    $model_version as model_version,
    false as disagrees_with_codes
from industry_text_prediction
where code_industry is null
