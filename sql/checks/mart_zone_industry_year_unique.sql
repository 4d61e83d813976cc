select scope_code, industry_code, filing_year, count(*) as row_count
from mart.zone_industry_year
group by scope_code, industry_code, filing_year
having count(*) > 1
