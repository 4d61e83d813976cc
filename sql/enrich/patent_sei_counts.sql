select source, count(distinct patent_id) as patent_count from enrich.patent_sei group by source order by source
