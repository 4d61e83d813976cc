-- nav_patent_sei: the adopted SEI labels, read in place by the high-value marts (a view, not a copy: a national
-- warehouse has millions of rows).
create or replace temp view nav_patent_sei as
select patent_id, sei_code, sei_name_zh, source, rule, concordance_version from enrich.patent_sei
