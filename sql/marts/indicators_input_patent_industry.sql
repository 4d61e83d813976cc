create or replace temp view ind_patent_industry as
select patent_id, any_value(industry_code) as industry_code
from enrich.patent_industry
where is_primary and level = 1
group by patent_id
