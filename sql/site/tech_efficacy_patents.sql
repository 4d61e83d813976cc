-- Titles of the patents the page's matrix lists under it.
select patent_id, title
from core.patent
where patent_id in (select unnest($patent_ids::varchar[]))
