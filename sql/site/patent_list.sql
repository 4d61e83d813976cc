-- 专利清单: the page's patents (headline threshold) with what an analyst needs to check each one.
with member as (
    select * from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

applicants as (
    select
        link.patent_id,
        string_agg(distinct coalesce(entity.display_name, link.entity_id), '; ') as applicants
    from mart.patent_applicant as link
    left join mart.applicant as entity on entity.entity_id = link.entity_id
    where link.patent_id in (select patent_id from member)
    group by link.patent_id
),

ipc as (
    select patent_id, string_agg(distinct symbol, '; ' order by symbol) as ipc
    from core.classification
    where scheme = 'IPC' and patent_id in (select patent_id from member)
    group by patent_id
),

detail as (
    select patent_id, any_value(legal_status_vendor) as legal_status_vendor
    from core.patent_detail
    where patent_id in (select patent_id from member)
    group by patent_id
),

final as (
    select
        patent.patent_id,
        patent.application_number,
        member.patent_type,
        patent.title,
        applicants.applicants,
        patent.application_date,
        patent.publication_date,
        patent.grant_date,
        ipc.ipc,
        member.primary_industry_code as industry_code,
        zone.zone_code,
        zone.rule as zone_rule,
        zone.confidence as zone_confidence,
        coalesce(detail.legal_status_vendor, patent.legal_status) as legal_status,
        coalesce(high_value.is_high_value, false) as is_high_value,
        high_value.reasons_zh,
        patent.is_synthetic
    from member
    inner join core.patent as patent on patent.patent_id = member.patent_id
    left join applicants on applicants.patent_id = member.patent_id
    left join ipc on ipc.patent_id = member.patent_id
    left join detail on detail.patent_id = member.patent_id
    left join enrich.patent_zone as zone on zone.patent_id = member.patent_id
    left join mart.high_value_patent as high_value on high_value.patent_id = member.patent_id
)

select * from final
order by application_date desc nulls last, patent_id
