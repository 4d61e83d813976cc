select entity_id, count(*) as row_count
from enrich.applicant_entity
group by entity_id
having count(*) > 1
