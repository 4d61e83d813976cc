-- High-value patents are a subset of the valid inventions of each area.
select level, area_code, valid_invention_count, high_value_count
from mart.high_value_indicator
where high_value_count > valid_invention_count or valid_presumed_count > valid_invention_count
