create or replace temp view ind_applicant_entity as
select party_id as entity_id, name_norm as display_name
from core.party
