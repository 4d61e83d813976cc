select string_agg(distinct gazetteer_version, ', ' order by gazetteer_version) as versions
from enrich.patent_location
