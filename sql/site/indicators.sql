select
    filing_year,
    application_count,
    application_sensitivity_count,
    grant_count,
    invention_count,
    utility_model_count,
    design_count,
    application_yoy_pct,
    scope_share_pct,
    benchmark_share_pct,
    applicant_count,
    hhi,
    top5_share_pct,
    pct_share_pct,
    is_pre_ftz
from mart.zone_industry_year
where scope_code = $scope and industry_code = $industry
order by filing_year desc
