select distinct citing_patent_id, cited_patent_id
from core.citation
where cited_patent_id is not null
    and citing_patent_id in (select unnest($ids))
    and cited_patent_id in (select unnest($ids))
