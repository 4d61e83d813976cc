-- The real (not synthetic) applicants of a page at the headline threshold, most patents first, with the district
-- their address named and how they were located: the page's evidence that does not come from synthetic records.
with members as (
    select m.patent_id
    from mart.scope_member as m
    where m.scope_code = $scope and m.industry_code = $industry and m.in_headline and not m.is_synthetic
),

located as (
    select
        a.display_name,
        z.rule,
        coalesce(d.name_zh, z.district_code) as district_name,
        z.confidence,
        l.matched_text
    from members as s
    join enrich.patent_zone as z on z.patent_id = s.patent_id
    join mart.patent_applicant as pa on pa.patent_id = s.patent_id
    join mart.applicant as a on a.entity_id = pa.entity_id
    left join enrich.district as d on d.district_code = z.district_code
    left join enrich.patent_location as l
        on l.patent_id = s.patent_id and l.entity_id = pa.entity_id and l.rule = z.rule
),

final as (
    select
        display_name as applicant_name,
        count(*) as patent_count,
        any_value(rule order by confidence desc) as rule,
        any_value(district_name order by confidence desc) as district_name,
        any_value(matched_text order by confidence desc) as matched_text
    from located
    group by display_name
    order by patent_count desc, applicant_name
    limit $limit
)

select * from final
