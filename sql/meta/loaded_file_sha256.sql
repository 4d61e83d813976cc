-- The content hash (artifact key) of every file loaded now, in a stable order: what raw.* views read.
select sha256
from core.ingest_file
where status = 'loaded'
order by file_id
