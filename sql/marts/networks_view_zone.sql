create or replace temp view nw_zone as
select patent_id, zone_code, confidence
from enrich.patent_zone
