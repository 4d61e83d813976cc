-- Earlier loaded versions of the same path: the new version replaces them in the same transaction.
select file_id
from core.ingest_file
where path = $path and file_id <> $file_id and status = 'loaded'
