-- One row per patent, and a high-value patent names at least one criterion.
select patent_id, count(*) as row_count
from mart.high_value_patent
group by patent_id
having count(*) > 1 or bool_or(is_high_value and criteria_met = 0)
