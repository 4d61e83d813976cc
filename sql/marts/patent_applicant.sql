-- Applicant entities per patent as the pages and exports read them: enrich.patent_applicant when applicants
-- have been grouped, loaded parties until then (see the indicators_input_* views).
create or replace table mart.patent_applicant as
select distinct patent_id, entity_id
from ind_patent_applicant
