create or replace temp view ind_patent_applicant as
select distinct patent_id, entity_id
from enrich.patent_applicant
where entity_id is not null
