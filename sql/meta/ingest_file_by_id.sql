select path, status
from core.ingest_file
where file_id = $file_id
