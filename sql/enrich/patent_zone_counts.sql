select coalesce(zone_code, 'none') as zone_code, count(*) as patent_count
from enrich.patent_zone
where confidence >= $threshold
group by 1
