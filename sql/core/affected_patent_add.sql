-- ... and those of the version just loaded.
insert into affected_patent
select distinct patent_id
from raw.patent
where file_id = $file_id
