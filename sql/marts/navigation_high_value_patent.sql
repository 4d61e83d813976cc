-- 高价值发明专利: every invention patent in force with the five CNIPA criteria, each with its reason. Criterion 1
-- (SEI) uses the adopted labels of enrich.patent_sei (incoPat's own 新兴产业分类, else the CNIPA 2021 concordance row
-- that fired); the interim reading (incoPat, else prefixes of sei_ipc_concordance.csv) is kept as *_interim so the
-- change can be reported.
create or replace table mart.high_value_patent as
with invention as (
    select * from nav_invention where in_force_basis is not null
),

sei_adopted as (
    select
        patent_id,
        string_agg(distinct source, ',') as source,
        string_agg(distinct sei_code || ' ' || coalesce(sei_name_zh, '') || ' [' || rule || ']', '; '
            order by sei_code || ' ' || coalesce(sei_name_zh, '') || ' [' || rule || ']') as reason
    from nav_patent_sei
    group by patent_id
),

sei_vendor as (
    select patent_id, string_agg(distinct code || ' ' || coalesce(label, ''), '; ' order by code || ' ' || coalesce(label, '')) as reason
    from core.vendor_classification
    where scheme = 'sei'
    group by patent_id
),

sei_ipc as (
    select
        classification.patent_id,
        string_agg(distinct sei.sei_code || ' ' || sei.sei_name_zh, '; ' order by sei.sei_code || ' ' || sei.sei_name_zh) as reason
    from core.classification as classification
    inner join nav_ref_sei_ipc as sei
        on starts_with(replace(classification.symbol, ' ', ''), replace(sei.ipc_prefix, ' ', ''))
    group by classification.patent_id
),

family_refs as (
    select own.patent_id, member.member_ref as member_ref
    from core.family_member as own
    inner join core.family_member as member on member.family_id = own.family_id
    union
    select own.patent_id, other.patent_id as member_ref
    from core.patent as own
    inner join core.patent as other on other.family_id = own.family_id and other.patent_id <> own.patent_id
    where other.grant_date is not null or other.kind like 'B%'
),

foreign_grant as (
    select patent_id, string_agg(distinct member_ref, ', ' order by member_ref) as reason
    from family_refs
    where left(member_ref, 2) not in ('CN', 'WO')
        and regexp_matches(member_ref, '^[A-Z]{2}[0-9A-Z]+(B|C)[0-9]?$')
    group by patent_id
),

pledge as (
    select patent_id, count(*) as pledge_events, min(event_date) as first_pledge
    from core.legal_event
    where event_type = 'pledge'
    group by patent_id
),

award as (
    select
        upper(replace(trim(patent_number), ' ', '')) as number,
        string_agg(coalesce(award_zh, '') || ' ' || coalesce(award_year, ''), '; ') as reason
    from nav_ref_awards
    where trim(coalesce(patent_number, '')) <> ''
    group by all
),

criteria as (
    select
        invention.patent_id,
        invention.jurisdiction,
        invention.application_date,
        invention.grant_date,
        invention.status,
        invention.in_force_basis,
        invention.is_synthetic,
        sei_adopted.reason is not null as is_sei,
        sei_adopted.source as sei_source,
        case
            when sei_adopted.source = 'vendor' then 'incoPat SEI: ' || sei_adopted.reason
            when sei_adopted.reason is not null then 'IPC→SEI (CNIPA 2021): ' || sei_adopted.reason
        end as sei_reason,
        coalesce(sei_vendor.reason, sei_ipc.reason) is not null as is_sei_interim,
        foreign_grant.reason is not null as has_foreign_grant,
        foreign_grant.reason as foreign_grant_reason,
        date_diff('day', invention.application_date, $as_of) / 365.25 as maintenance_years,
        coalesce(invention.application_date < $as_of - interval 10 year, false) as maintained_over_10y,
        pledge.pledge_events is not null as is_pledged,
        case when pledge.pledge_events is not null
            then pledge.pledge_events || ' pledge event(s) from ' || pledge.first_pledge || '; amount not in the data'
        end as pledge_reason,
        award.reason is not null as has_award,
        award.reason as award_reason
    from invention
    left join sei_adopted on sei_adopted.patent_id = invention.patent_id
    left join sei_vendor on sei_vendor.patent_id = invention.patent_id
    left join sei_ipc on sei_ipc.patent_id = invention.patent_id
    left join foreign_grant on foreign_grant.patent_id = invention.patent_id
    left join pledge on pledge.patent_id = invention.patent_id
    left join award on award.number in (invention.patent_id, invention.number_key)
),

final as (
    select
        *,
        is_sei::int + has_foreign_grant::int + maintained_over_10y::int + is_pledged::int + has_award::int
            as criteria_met,
        is_sei or has_foreign_grant or maintained_over_10y or is_pledged or has_award as is_high_value,
        is_sei_interim or has_foreign_grant or maintained_over_10y or is_pledged or has_award
            as is_high_value_interim,
        concat_ws('；',
            case when is_sei then '战略性新兴产业 ' || sei_reason end,
            case when has_foreign_grant then '海外同族授权 ' || foreign_grant_reason end,
            case when maintained_over_10y then '维持' || floor(maintenance_years)::int || '年' end,
            case when is_pledged then '质押 ' || pledge_reason end,
            case when has_award then '获奖 ' || award_reason end
        ) as reasons_zh,
        concat_ws('; ',
            case when is_sei then 'strategic emerging industry ' || sei_reason end,
            case when has_foreign_grant then 'granted abroad ' || foreign_grant_reason end,
            case when maintained_over_10y then 'maintained ' || floor(maintenance_years)::int || ' years' end,
            case when is_pledged then 'pledged ' || pledge_reason end,
            case when has_award then 'award ' || award_reason end
        ) as reasons_en
    from criteria
)

select * from final
order by patent_id
