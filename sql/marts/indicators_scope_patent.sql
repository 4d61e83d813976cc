create or replace temp table ind_scope_patent as
with patent as (
    select
        core_patent.patent_id,
        zone.zone_code,
        coalesce(zone.is_chongqing, false) as is_chongqing,
        coalesce(zone.confidence, 0.0) as confidence
    from core.patent as core_patent
    left join ind_patent_zone as zone on zone.patent_id = core_patent.patent_id
),

zone_rows as (
    select
        zone_code as scope_code,
        patent_id,
        confidence >= $headline as in_headline,
        confidence >= $sensitivity as in_sensitivity
    from patent
    where zone_code is not null and confidence >= least($headline, $sensitivity)
),

-- Chongqing outside the FTZ: the complement of the zone at the same threshold, so the sensitivity column is the
-- count this scope would have if the looser threshold were used.
other_rows as (
    select
        'CQ-OTHER' as scope_code,
        patent_id,
        not (zone_code is not null and confidence >= $headline) as in_headline,
        not (zone_code is not null and confidence >= $sensitivity) as in_sensitivity
    from patent
    where is_chongqing
),

chongqing_rows as (
    select 'CQ' as scope_code, patent_id, true as in_headline, true as in_sensitivity
    from patent
    where is_chongqing
),

all_rows as (
    select 'ALL' as scope_code, patent_id, true as in_headline, true as in_sensitivity
    from patent
),

final as (
    select * from zone_rows
    union all
    select * from other_rows where in_headline or in_sensitivity
    union all
    select * from chongqing_rows
    union all
    select * from all_rows
)

select * from final
