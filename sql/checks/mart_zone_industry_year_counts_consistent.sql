select scope_code, industry_code, filing_year, application_count, grant_count, hhi, top5_share_pct
from mart.zone_industry_year
where invention_count + utility_model_count + design_count <> application_count
    or grant_count > application_count
    or pct_count > application_count
    or synthetic_count > application_count
    or hhi < 0 or hhi > 1.0000001
    or top5_share_pct < 0 or top5_share_pct > 100.0001
    or (scope_code like 'CQFTZ-%' and application_sensitivity_count < application_count)
