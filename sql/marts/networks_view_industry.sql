create or replace temp view nw_industry as
select patent_id, industry_code
from enrich.patent_industry
where level = 1 and is_primary
