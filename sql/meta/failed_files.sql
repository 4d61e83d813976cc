-- Files whose latest version failed to load (a later successful load of the same path clears the failure).
select failed.path, failed.message
from core.ingest_file as failed
where failed.status = 'failed'
  and not exists (
      select 1
      from core.ingest_file as later
      where later.path = failed.path and later.status = 'loaded' and later.first_seen_at >= failed.first_seen_at
  )
order by failed.path
