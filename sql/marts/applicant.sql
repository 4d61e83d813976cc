-- Display name of each applicant entity for pages and exports.
create or replace table mart.applicant as
select entity_id, display_name
from ind_applicant_entity
