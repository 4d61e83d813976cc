-- Synthetic patents labelled by their codes, to score the real-trained text model on (a fixed sample).
select patent.title, patent.abstract, industry.industry_code
from core.patent as patent
inner join enrich.patent_industry as industry using (patent_id)
where patent.is_synthetic and industry.level = 1 and industry.is_primary and industry.method = 'concordance'
using sample 5000 rows (reservoir, 7)
