select patent_id, industry_code, method
from enrich.patent_industry
where method is null or method not in ('concordance', 'model') or level not in (1, 2)
