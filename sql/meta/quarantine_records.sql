-- Quarantine rows of the loaded files (optionally one file), in file order then record order.
select q.file_name, q.record_locator, q.reason, q.action, q.raw_excerpt
from core.quarantine as q
inner join core.ingest_file as f using (file_id)
where f.status = 'loaded' and ($file is null or q.file_name = $file)
order by q.file_name, q.rowid
