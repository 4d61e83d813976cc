-- Every transfer, licence and pledge event of a page's scope and industry (the page's export).
select
    scope_code,
    patent_id,
    industry_code,
    operation_type,
    event_date,
    event_year,
    operation_count,
    party_from,
    party_to,
    source_field,
    event_text,
    is_synthetic
from mart.ip_operation
where scope_code = $scope and ($industry = 'ALL' or industry_code = $industry)
order by event_date desc nulls last, patent_id, operation_type
