-- Top-$top_n patents by core_score per 片区 x industry: zone_code NULL = all patents; industry 'ALL' = every
-- industry. Zones come from nw_zone (confidence >= the headline threshold), industries from nw_industry.
create or replace table mart.core_patent as
with zoned as (
    select patent_id, zone_code from nw_zone where zone_code is not null and confidence >= $threshold
    union all
    select patent_id, null as zone_code from mart.patent_citation_metrics
),

industried as (
    select patent_id, industry_code from nw_industry
    union all
    select patent_id, 'ALL' as industry_code from mart.patent_citation_metrics
),

scored as (
    select zoned.zone_code, industried.industry_code, metrics.patent_id, metrics.core_score
    from mart.patent_citation_metrics as metrics
    inner join zoned on zoned.patent_id = metrics.patent_id
    inner join industried on industried.patent_id = metrics.patent_id
),

ranked as (
    select
        *,
        row_number() over (partition by zone_code, industry_code order by core_score desc, patent_id) as rank
    from scored
),

final as (
    select zone_code, industry_code, rank, patent_id, core_score
    from ranked
    where rank <= $top_n
)

select * from final order by zone_code nulls first, industry_code, rank
