select file_name, sha256, format, is_synthetic, patents_loaded_count
from core.ingest_file
where status = 'loaded'
order by file_name
