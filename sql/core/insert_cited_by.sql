-- Citing lists (被引证专利) of every loaded file, one row per cited document and citing number.
insert into core.cited_by by name
select t.*
from raw.cited_by as t
join core.ingest_file as f on f.file_id = t.file_id and f.status = 'loaded'
where t.cited_patent_id in (select patent_id from core.patent where patent_id in (select patent_id from affected_patent))
qualify row_number() over (
    partition by t.cited_patent_id, coalesce(t.citing_number_key, t.citing_ref_raw)
    order by f.first_seen_at desc, t.file_id desc, t.sequence
) = 1
