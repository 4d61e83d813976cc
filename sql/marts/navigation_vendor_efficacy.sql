-- incoPat's 技术功效 phrases mapped onto the vocabulary: each patent's distinct efficacies, or one row with a null
-- efficacy for a patent whose phrases name none.
create or replace temp table nav_vendor_efficacy as
with phrases as (
    select source.patent_id, cached.efficacy_code
    from nav_efficacy_source as source
    inner join mart.efficacy_text as cached
        on cached.text_hash = source.text_hash and cached.extractor_version = $extractor_version
    where source.is_phrase
),

per_patent as (
    select patent_id, count(efficacy_code) as code_count
    from phrases
    group by patent_id
),

final as (
    select distinct patent_id, efficacy_code
    from phrases
    where efficacy_code is not null
    union all
    select patent_id, null as efficacy_code
    from per_patent
    where code_count = 0
)

select * from final
