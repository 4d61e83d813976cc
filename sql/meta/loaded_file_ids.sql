select file_id
from core.ingest_file
where status = 'loaded'
order by file_id
