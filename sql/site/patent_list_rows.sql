-- 专利清单 rows of every patent, built once per render (a temp table of the render's connection) and joined by each
-- page to its members: the applicant and IPC aggregations over the whole warehouse were most of every page's list.
-- Applicants are listed in name order (the mart keeps no filing order; an unordered list changed run to run).
create or replace temp table site_patent_list_row as
with applicants as (
    select
        link.patent_id,
        string_agg(distinct coalesce(entity.display_name, link.entity_id), '; '
            order by coalesce(entity.display_name, link.entity_id)) as applicants
    from mart.patent_applicant as link
    left join mart.applicant as entity on entity.entity_id = link.entity_id
    group by link.patent_id
),

ipc as (
    select patent_id, string_agg(distinct symbol, '; ' order by symbol) as ipc
    from core.classification
    where scheme = 'IPC'
    group by patent_id
),

detail as (
    select patent_id, any_value(legal_status_vendor) as legal_status_vendor
    from core.patent_detail
    group by patent_id
),

final as (
    select
        patent.patent_id,
        patent.application_number,
        patent.title,
        applicants.applicants,
        patent.application_date,
        patent.publication_date,
        patent.grant_date,
        ipc.ipc,
        zone.zone_code,
        zone.rule as zone_rule,
        zone.confidence as zone_confidence,
        coalesce(detail.legal_status_vendor, patent.legal_status) as legal_status,
        coalesce(high_value.is_high_value, false) as is_high_value,
        high_value.reasons_zh,
        patent.is_synthetic
    from core.patent as patent
    left join applicants on applicants.patent_id = patent.patent_id
    left join ipc on ipc.patent_id = patent.patent_id
    left join detail on detail.patent_id = patent.patent_id
    left join enrich.patent_zone as zone on zone.patent_id = patent.patent_id
    left join mart.high_value_patent as high_value on high_value.patent_id = patent.patent_id
)

select * from final
