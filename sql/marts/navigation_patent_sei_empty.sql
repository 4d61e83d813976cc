-- nav_patent_sei when the industries step has not built enrich.patent_sei: no rows (criterion 1 is then met by
-- nobody and says so).
create or replace temp view nav_patent_sei as
select
    null::varchar as patent_id, null::varchar as sei_code, null::varchar as sei_name_zh, null::varchar as source,
    null::varchar as rule, null::varchar as concordance_version
where false
