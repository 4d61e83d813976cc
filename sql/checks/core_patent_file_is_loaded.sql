select p.patent_id, p.file_id
from core.patent as p
left join core.ingest_file as f on f.file_id = p.file_id and f.status = 'loaded'
where f.file_id is null
