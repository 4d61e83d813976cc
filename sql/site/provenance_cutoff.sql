select max(application_date) as cutoff_date, max(publication_date) as last_publication_date, count(*) as patent_count,
    count(*) filter (where is_synthetic) as synthetic_count
from core.patent
