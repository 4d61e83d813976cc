select patent_id, industry_code, score
from enrich.patent_industry
where score is null or score < 0 or score > 1
