select patent_id, role, sequence, count(*) as row_count
from core.patent_party
group by all
having count(*) > 1
