-- Patents whose core rows must be recomputed: those of the versions being replaced or re-loaded ...
create or replace temp table affected_patent as
select distinct patent_id
from raw.patent
where file_id in (select unnest($file_ids))
