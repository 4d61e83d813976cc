select path, count(*) as loaded_count
from core.ingest_file
where status = 'loaded'
group by path
having count(*) > 1
