select pp.patent_id, pp.role, pp.sequence
from core.patent_party as pp
left join core.patent as p using (patent_id)
where p.patent_id is null
