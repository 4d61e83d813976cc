create or replace temp view ind_patent_industry as
select null::varchar as patent_id, null::varchar as industry_code
where false
