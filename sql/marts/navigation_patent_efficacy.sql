-- One row per patent and efficacy found in its text: the first statement (field, cue, object) that names it.
create or replace table mart.patent_efficacy as
select
    found.patent_id::varchar as patent_id,
    found.efficacy_code::varchar as efficacy_code,
    vocabulary.name_zh as efficacy_zh,
    vocabulary.name_en as efficacy_en,
    found.source_field::varchar as source_field,
    found.cue::varchar as cue,
    found.object_text::varchar as object_text
from nav_found_efficacy as found
inner join core.patent as patent on patent.patent_id = found.patent_id
left join nav_ref_efficacy as vocabulary on vocabulary.efficacy_code = found.efficacy_code
order by found.patent_id, found.efficacy_code
