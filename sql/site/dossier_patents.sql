-- Every patent of the applicant with what the dossier shows: type, industry, IPC, status, high value,
-- citations in and out, family, 片区 evidence.
select
    patent.patent_id,
    patent.title,
    patent.filing_year,
    coalesce(fact.patent_type, patent.doc_type) as patent_type,
    fact.primary_industry_code as industry_code,
    ipc.subclass as ipc_subclass,
    high_value.status,
    coalesce(high_value.is_high_value, false) as is_high_value,
    high_value.reasons_zh as high_value_reasons,
    metrics.forward_citations,
    metrics.backward_citations,
    metrics.core_score,
    patent.family_size,
    (select count(*) from core.family_member as family
        where family.patent_id = patent.patent_id and family.member_number_key is not null
        and left(family.member_ref, 2) != 'CN') as overseas_members,
    (select count(*) from core.legal_event as event
        where event.patent_id = patent.patent_id and event.event_type in ('transfer', 'licence', 'pledge'))
        as operations_events,
    zone.zone_code,
    zone.confidence as zone_confidence,
    zone.rule as zone_rule,
    patent.is_synthetic
from mart.patent_applicant as applicant
inner join core.patent as patent on patent.patent_id = applicant.patent_id
left join mart.scope_member as fact
    on fact.patent_id = patent.patent_id and fact.scope_code = 'ALL' and fact.industry_code = 'ALL'
left join core.classification as ipc
    on ipc.patent_id = patent.patent_id and ipc.scheme = 'IPC' and ipc.is_main
left join mart.high_value_patent as high_value on high_value.patent_id = patent.patent_id
left join mart.patent_citation_metrics as metrics on metrics.patent_id = patent.patent_id
left join enrich.patent_zone as zone on zone.patent_id = patent.patent_id
where applicant.entity_id = $entity
qualify row_number() over (partition by patent.patent_id order by ipc.sequence) = 1
order by metrics.core_score desc nulls last, patent.patent_id
