select citing_patent_id, sequence, count(*) as row_count
from core.citation
group by all
having count(*) > 1
