-- One row per scope, industry and patent: a page counts each patent once.
select scope_code, industry_code, patent_id, count(*) as row_count
from mart.scope_member
group by all
having count(*) > 1
