-- Our efficacies per patent: the first statement naming each efficacy, fields in name order (abstract,
-- abstract_en, first_claim, first_claim_en), statements in text order.
create or replace temp table nav_found_efficacy as
with statements as (
    select source.patent_id, cached.efficacy_code, source.source_field, cached.cue, cached.object_text,
        cached.ordinal
    from nav_efficacy_source as source
    inner join mart.efficacy_text as cached
        on cached.text_hash = source.text_hash and cached.extractor_version = $extractor_version
    where not source.is_phrase and cached.efficacy_code is not null
),

final as (
    select patent_id, efficacy_code, source_field, cue, object_text
    from statements
    qualify row_number() over (partition by patent_id, efficacy_code order by source_field, ordinal) = 1
)

select * from final
