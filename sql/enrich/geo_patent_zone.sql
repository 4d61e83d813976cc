-- One row per patent: its best-located applicant (highest confidence; applicants before stand-in assignees,
-- then source order). Patents with no located applicant get a row of nulls.
create or replace table enrich.patent_zone as
with ranked as (
    select
        *,
        row_number() over (
            partition by patent_id order by confidence desc, role = 'applicant' desc, sequence
        ) as rank_in_patent
    from enrich.patent_location
),

final as (
    select
        p.patent_id,
        r.zone_code,
        r.subarea_code,
        r.district_code,
        coalesce(r.city_code = '500100', false) as is_chongqing,
        coalesce(r.confidence, 0.0) as confidence,
        coalesce(r.rule, 'none') as rule,
        coalesce(r.confidence, 0.0) >= $threshold and r.zone_code is not null as is_headline
    from core.patent as p
    left join ranked as r on r.patent_id = p.patent_id and r.rank_in_patent = 1
)

select * from final order by patent_id
