-- Per scope and type, the ALL-industry summary counts every event of mart.ip_operation once, and the
-- industries add up to it.
with detail as (
    select scope_code, operation_type, count(*) as n from mart.ip_operation group by all
),

summary as (
    select scope_code, operation_type,
        sum(event_count) filter (where industry_code = 'ALL') as all_n,
        sum(event_count) filter (where industry_code <> 'ALL') as industry_n
    from mart.ip_operation_summary
    group by all
)

select coalesce(detail.scope_code, summary.scope_code) as scope_code, detail.n, summary.all_n, summary.industry_n
from detail
full outer join summary on summary.scope_code = detail.scope_code and summary.operation_type = detail.operation_type
where detail.n is distinct from summary.all_n or detail.n is distinct from summary.industry_n
