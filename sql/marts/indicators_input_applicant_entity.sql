create or replace temp view ind_applicant_entity as
select entity_id, display_name
from enrich.applicant_entity
