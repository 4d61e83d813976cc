select method, count(distinct patent_id) as patent_count
from enrich.patent_industry
group by 1
