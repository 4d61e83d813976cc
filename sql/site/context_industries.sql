select industry_code, name_zh, name_en, coalesce(plan_zones, '') as plan_zones
from enrich.industry
where level = 1
order by industry_code
