select scope, industry_code, cited_id, citing_id, spc
from mart.main_path_edge
order by all
