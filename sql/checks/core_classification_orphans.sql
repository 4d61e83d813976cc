select c.patent_id, c.symbol
from core.classification as c
left join core.patent as p using (patent_id)
where p.patent_id is null
