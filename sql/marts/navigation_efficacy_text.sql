-- Texts the efficacy extraction reads, one row per patent and field (abstract in the record's language, the
-- English abstract, the first claim in both languages), and incoPat's own 技术功效 phrases; text_hash keys the
-- per-text cache (mart.efficacy_text), so a night extracts only texts it has not seen.
create or replace temp table nav_efficacy_source as
with texts as (
    select patent.patent_id, 'abstract' as source_field, patent.abstract as body
    from core.patent as patent
    where patent.abstract is not null
    union all
    select detail.patent_id, 'abstract_en', detail.abstract_en
    from core.patent_detail as detail
    where detail.abstract_en is not null
    union all
    select detail.patent_id, 'first_claim', detail.first_claim
    from core.patent_detail as detail
    where detail.first_claim is not null
    union all
    select detail.patent_id, 'first_claim_en', detail.first_claim_en
    from core.patent_detail as detail
    where detail.first_claim_en is not null
    union all
    select vendor.patent_id, 'vendor:' || vendor.scheme, vendor.code
    from core.vendor_classification as vendor
    where vendor.scheme in ('efficacy_phrase', 'efficacy_level1', 'efficacy_level2', 'efficacy_level3')
),

final as (
    select
        patent_id,
        source_field,
        body,
        source_field like 'vendor:%' as is_phrase,
        md5(case when source_field like 'vendor:%' then 'phrase' else 'text' end || chr(31) || body) as text_hash
    from texts
)

select * from final
