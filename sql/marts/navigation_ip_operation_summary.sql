-- 知识产权运营 per scope × industry (its primary industry, and ALL) × year × type: events, operations and patents.
create or replace table mart.ip_operation_summary as
with operation as (
    select * from mart.ip_operation
),

by_industry as (
    select scope_code, coalesce(industry_code, 'UNCLASSIFIED') as industry_code, event_year, operation_type,
        patent_id, operation_count, party_from, party_to, is_synthetic
    from operation
    union all
    select scope_code, 'ALL' as industry_code, event_year, operation_type,
        patent_id, operation_count, party_from, party_to, is_synthetic
    from operation
),

final as (
    select
        scope_code::varchar as scope_code,
        industry_code::varchar as industry_code,
        event_year::integer as event_year,
        operation_type::varchar as operation_type,
        count(*)::bigint as event_count,
        sum(operation_count)::bigint as operation_count,
        count(distinct patent_id)::bigint as patent_count,
        count(*) filter (where party_from is not null or party_to is not null)::bigint as with_counterparty_count,
        count(*) filter (where is_synthetic)::bigint as synthetic_count
    from by_industry
    group by all
)

select * from final
order by scope_code, industry_code, event_year nulls last, operation_type
