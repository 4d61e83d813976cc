select count(distinct patent_id) as patent_count
from enrich.patent_industry
where disagrees_with_codes
