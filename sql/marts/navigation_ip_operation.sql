-- 知识产权运营: one row per transfer, licence or pledge event × scope its patent counts in (headline threshold),
-- with the counterparties the export names. A patent × type with dated history events (法律状态历史 / 法律事件)
-- uses those; the 转让/许可/质押 columns count only for a patent × type without history events.
create or replace table mart.ip_operation as
with event as (
    select * from core.legal_event where event_type in ('transfer', 'licence', 'pledge')
),

history as (
    select distinct patent_id, event_type from event where source_field = 'legal_events'
),

kept as (
    select event.*
    from event
    left join history on history.patent_id = event.patent_id and history.event_type = event.event_type
    where event.source_field = 'legal_events' or history.patent_id is null
),

detail as (
    select
        patent_id,
        file_id,
        coalesce(json_extract_string(vendor_fields_json, '$.transferor'), json_extract_string(extra_json, '$."转让人"'))
            as transferor,
        coalesce(json_extract_string(vendor_fields_json, '$.transferee'), json_extract_string(extra_json, '$."受让人"'))
            as transferee,
        coalesce(json_extract_string(vendor_fields_json, '$.licensor'), json_extract_string(extra_json, '$."许可人"'))
            as licensor,
        coalesce(json_extract_string(vendor_fields_json, '$.licensee'), json_extract_string(extra_json, '$."被许可人"'))
            as licensee,
        coalesce(json_extract_string(vendor_fields_json, '$.pledgor'), json_extract_string(extra_json, '$."出质人"'))
            as pledgor,
        coalesce(json_extract_string(vendor_fields_json, '$.pledgee'), json_extract_string(extra_json, '$."质权人"'))
            as pledgee
    from core.patent_detail
),

parties as (
    select
        kept.*,
        case kept.event_type
            when 'transfer' then detail.transferor when 'licence' then detail.licensor else detail.pledgor
        end as raw_from,
        case kept.event_type
            when 'transfer' then detail.transferee when 'licence' then detail.licensee else detail.pledgee
        end as raw_to
    from kept
    left join detail on detail.patent_id = kept.patent_id and detail.file_id = kept.file_id
),

member as (
    select scope_code, patent_id, primary_industry_code, is_synthetic
    from mart.scope_member
    where industry_code = 'ALL' and in_headline
),

final as (
    select
        member.scope_code::varchar as scope_code,
        parties.patent_id::varchar as patent_id,
        member.primary_industry_code::varchar as industry_code,
        parties.event_type::varchar as operation_type,
        year(parties.event_date)::integer as event_year,
        parties.event_date,
        greatest(coalesce(parties.event_count, 1), 1)::integer as operation_count,
        nullif(array_to_string(list_filter(
            list_transform(string_split_regex(coalesce(parties.raw_from, ''), '[;；|\n]'), lambda x: trim(x)),
            lambda x: x <> ''), '; '), '')::varchar as party_from,
        nullif(array_to_string(list_filter(
            list_transform(string_split_regex(coalesce(parties.raw_to, ''), '[;；|\n]'), lambda x: trim(x)),
            lambda x: x <> ''), '; '), '')::varchar as party_to,
        parties.source_field::varchar as source_field,
        parties.event_text::varchar as event_text,
        member.is_synthetic
    from parties
    inner join member on member.patent_id = parties.patent_id
)

select * from final
order by scope_code, event_date nulls last, patent_id, operation_type
