select
    string_agg(distinct taxonomy_version, ', ' order by taxonomy_version) as taxonomy_versions,
    string_agg(distinct model_version, ', ' order by model_version) as model_versions
from enrich.patent_industry
