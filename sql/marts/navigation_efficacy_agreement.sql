-- Our efficacies against incoPat's 技术功效 annotation mapped onto the same vocabulary, on the patents that
-- carry the annotation: per efficacy, and 'ALL' for patents with any efficacy / any shared one.
create or replace table mart.efficacy_agreement as
with compared as (
    select distinct patent_id from nav_vendor_efficacy
),

ours as (
    select distinct found.patent_id, found.efficacy_code
    from nav_found_efficacy as found
    inner join compared on compared.patent_id = found.patent_id
),

vendor as (
    select distinct patent_id, efficacy_code from nav_vendor_efficacy where efficacy_code is not null
),

pairs as (
    select
        coalesce(ours.patent_id, vendor.patent_id) as patent_id,
        coalesce(ours.efficacy_code, vendor.efficacy_code) as efficacy_code,
        ours.patent_id is not null as by_us,
        vendor.patent_id is not null as by_vendor
    from ours
    full outer join vendor on vendor.patent_id = ours.patent_id and vendor.efficacy_code = ours.efficacy_code
),

per_code as (
    select
        efficacy_code,
        (select count(*) from compared) as patents_compared,
        count(*) filter (where by_us) as ours_count,
        count(*) filter (where by_vendor) as vendor_count,
        count(*) filter (where by_us and by_vendor) as both_count
    from pairs
    group by efficacy_code
),

overall as (
    select
        'ALL' as efficacy_code,
        (select count(*) from compared) as patents_compared,
        count(distinct patent_id) filter (where by_us) as ours_count,
        count(distinct patent_id) filter (where by_vendor) as vendor_count,
        count(distinct patent_id) filter (where by_us and by_vendor) as both_count
    from pairs
),

final as (
    select * from per_code
    union all
    select * from overall
)

select
    final.efficacy_code::varchar as efficacy_code,
    coalesce(vocabulary.name_zh, '全部功效') as efficacy_zh,
    coalesce(vocabulary.name_en, 'All efficacies') as efficacy_en,
    final.patents_compared::bigint as patents_compared,
    final.ours_count::bigint as ours_count,
    final.vendor_count::bigint as vendor_count,
    final.both_count::bigint as both_count,
    round(100.0 * final.both_count / nullif(final.vendor_count, 0), 1) as recall_pct,
    round(100.0 * final.both_count / nullif(final.ours_count, 0), 1) as precision_pct
from final
left join nav_ref_efficacy as vocabulary on vocabulary.efficacy_code = final.efficacy_code
order by final.efficacy_code = 'ALL' desc, final.efficacy_code
