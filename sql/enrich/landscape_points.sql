select d.industry_code, pt.x, pt.y
from enrich.patent_topic as pt
inner join topic_document as d on d.patent_id = pt.patent_id
order by pt.patent_id
