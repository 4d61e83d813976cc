-- Every patent of the applicant with what the dossier shows: type, industry, IPC, status, high value,
-- citations in and out, family, 片区 evidence.
-- Each table is read for the applicant's own patents only (own), so a dossier costs what its applicant holds,
-- not a pass over every patent of the warehouse.
with own as (
    select distinct patent_id from mart.patent_applicant where entity_id = $entity
),

fact as (
    select patent_id, patent_type, primary_industry_code
    from mart.scope_member
    where scope_code = 'ALL' and industry_code = 'ALL' and patent_id in (select patent_id from own)
),

main_ipc as (
    select patent_id, subclass
    from core.classification
    where scheme = 'IPC' and is_main and patent_id in (select patent_id from own)
    qualify row_number() over (partition by patent_id order by sequence) = 1
),

overseas as (
    select patent_id, count(*) as members
    from core.family_member
    where member_number_key is not null and left(member_ref, 2) != 'CN' and patent_id in (select patent_id from own)
    group by patent_id
),

operations as (
    select patent_id, count(*) as events
    from core.legal_event
    where event_type in ('transfer', 'licence', 'pledge') and patent_id in (select patent_id from own)
    group by patent_id
),

final as (
    select
        patent.patent_id,
        patent.title,
        patent.filing_year,
        coalesce(fact.patent_type, patent.doc_type) as patent_type,
        fact.primary_industry_code as industry_code,
        main_ipc.subclass as ipc_subclass,
        high_value.status,
        coalesce(high_value.is_high_value, false) as is_high_value,
        high_value.reasons_zh as high_value_reasons,
        metrics.forward_citations,
        metrics.backward_citations,
        metrics.core_score,
        patent.family_size,
        coalesce(overseas.members, 0) as overseas_members,
        coalesce(operations.events, 0) as operations_events,
        zone.zone_code,
        zone.confidence as zone_confidence,
        zone.rule as zone_rule,
        patent.is_synthetic
    from own
    inner join core.patent as patent on patent.patent_id = own.patent_id
    left join fact on fact.patent_id = own.patent_id
    left join main_ipc on main_ipc.patent_id = own.patent_id
    left join overseas on overseas.patent_id = own.patent_id
    left join operations on operations.patent_id = own.patent_id
    left join mart.high_value_patent as high_value on high_value.patent_id = own.patent_id
    left join mart.patent_citation_metrics as metrics on metrics.patent_id = own.patent_id
    left join enrich.patent_zone as zone on zone.patent_id = own.patent_id
)

select * from final
order by core_score desc nulls last, patent_id
