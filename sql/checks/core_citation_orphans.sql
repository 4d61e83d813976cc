select c.citing_patent_id, c.sequence
from core.citation as c
left join core.patent as p on p.patent_id = c.citing_patent_id
where p.patent_id is null
