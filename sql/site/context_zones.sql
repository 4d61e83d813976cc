select zone_code, name_zh, name_en, coalesce(plan_industries, '') as plan_industries
from enrich.zone
where level = 'zone' or zone_code in ('CQFTZ-LJ', 'CQFTZ-XY', 'CQFTZ-GYG')
