-- Chinese-export evidence for a patent comes from the most recently seen loaded file that has any (one file's
-- view, so two exports of the same record are not counted twice).
insert into core.vendor_classification by name
select t.*
from raw.vendor_classification as t
join core.ingest_file as f on f.file_id = t.file_id and f.status = 'loaded'
where t.patent_id in (select patent_id from core.patent where patent_id in (select patent_id from affected_patent))
qualify dense_rank() over (partition by t.patent_id order by f.first_seen_at desc, t.file_id desc) = 1
