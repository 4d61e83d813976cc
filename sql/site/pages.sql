select distinct scope_code, industry_code
from mart.scope_member
where in_headline
