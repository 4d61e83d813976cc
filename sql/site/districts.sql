select *
from mart.zone_indicator
order by district_code
