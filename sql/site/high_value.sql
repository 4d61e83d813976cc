select *
from mart.high_value_indicator
where level = 'zone' or valid_invention_count > 0
order by level desc, valid_per_10k desc nulls first, area_code
