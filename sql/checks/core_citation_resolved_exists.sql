select c.citing_patent_id, c.cited_patent_id
from core.citation as c
left join core.patent as p on p.patent_id = c.cited_patent_id
where c.cited_patent_id is not null and p.patent_id is null
