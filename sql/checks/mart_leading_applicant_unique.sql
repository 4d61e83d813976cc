-- One row per 片区 and rank, and an applicant at most once per 片区.
select scope_code, count(*) as row_count
from mart.leading_applicant
group by scope_code
having count(*) != count(distinct applicant_rank) or count(*) != count(distinct entity_id)
