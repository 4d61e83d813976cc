-- One row per applicant (or stand-in assignee) with its attribution. Where the record's own address says nothing
-- below city level (or there is none, as in most Chinese exports), in order: the address the same normalised
-- applicant filed with most often on its other records (enrich.applicant_address; rule
-- applicant_other_record:<rule>, confidence x 0.9 capped at 0.8), then the applicant registry (registry:<rule>, capped at 0.7).
-- Each is below what the same address would give directly.
create or replace table enrich.patent_location as
with by_address as (
    select p.patent_id, p.sequence, p.role, p.entity_id, a.*
    from geo_party as p
    left join _address_attribution as a on a.address_key = p.address_key
),

by_other_record as (
    select
        u.name_key, u.zone_code, u.subarea_code, u.district_code, u.city_code, u.province_code,
        least(u.confidence * 0.9, 0.8) as confidence,
        'applicant_other_record:' || u.rule as rule,
        u.matched_text
    from enrich.applicant_address as u
    where u.is_usual
),

by_registry_entry as (
    select p.patent_id, p.sequence, p.role, r.*
    from geo_party as p
    join _registry_attribution as r on r.name_key = p.name_key
),

by_fallback as (
    select
        p.patent_id, p.sequence, p.role,
        if(o.rule is not null, o.zone_code, r.zone_code) as zone_code,
        if(o.rule is not null, o.subarea_code, r.subarea_code) as subarea_code,
        if(o.rule is not null, o.district_code, r.district_code) as district_code,
        if(o.rule is not null, o.city_code, r.city_code) as city_code,
        if(o.rule is not null, o.province_code, r.province_code) as province_code,
        if(o.rule is not null, o.confidence, r.confidence) as confidence,
        if(o.rule is not null, o.rule, r.rule) as rule,
        if(o.rule is not null, o.matched_text, r.matched_text) as matched_text
    from geo_party as p
    left join by_other_record as o on o.name_key = p.name_key
    left join by_registry_entry as r on r.patent_id = p.patent_id and r.sequence = p.sequence and r.role = p.role
    where o.rule is not null or r.rule is not null
),

chosen as (
    select
        b.patent_id, b.sequence, b.role, b.entity_id,
        case when b.rule is null or b.rule in ('none', 'city') and r.rule is not null then true else false end
            as use_registry,
        b.zone_code, b.subarea_code, b.district_code, b.city_code, b.province_code, b.confidence, b.rule,
        b.matched_text,
        r.zone_code as r_zone_code, r.subarea_code as r_subarea_code, r.district_code as r_district_code,
        r.city_code as r_city_code, r.province_code as r_province_code, r.confidence as r_confidence,
        r.rule as r_rule, r.matched_text as r_matched_text
    from by_address as b
    left join by_fallback as r on r.patent_id = b.patent_id and r.sequence = b.sequence and r.role = b.role
),

final as (
    select
        patent_id, sequence, role, entity_id,
        if(use_registry, r_province_code, province_code) as province_code,
        if(use_registry, r_city_code, city_code) as city_code,
        if(use_registry, r_district_code, district_code) as district_code,
        if(use_registry, r_zone_code, zone_code) as zone_code,
        if(use_registry, r_subarea_code, subarea_code) as subarea_code,
        coalesce(if(use_registry, r_confidence, confidence), 0.0) as confidence,
        coalesce(if(use_registry, r_rule, rule), 'none') as rule,
        if(use_registry, r_matched_text, matched_text) as matched_text,
        $version as gazetteer_version
    from chosen
)

select * from final order by patent_id, role, sequence
