-- 知识产权运营 of a page per scope, year and type: the page's own scope, or on the overview (scope ALL) each
-- 片区, Chongqing (CQ) and all data.
select
    scope_code,
    event_year,
    operation_type,
    case operation_type when 'transfer' then '转让' when 'licence' then '许可' else '质押' end as operation_type_zh,
    event_count,
    operation_count,
    patent_count,
    with_counterparty_count,
    synthetic_count
from mart.ip_operation_summary
where industry_code = $industry
    and (scope_code = $scope or ($scope = 'ALL' and (scope_code like 'CQFTZ-%' or scope_code = 'CQ')))
order by scope_code, event_year desc nulls last, operation_type
