create or replace temp view ind_patent_zone as
select patent_id, zone_code, district_code, coalesce(is_chongqing, false) as is_chongqing, confidence
from enrich.patent_zone
