select distinct industry_code
from mart.scope_member
where industry_code <> 'ALL'
order by 1
