create or replace temp view nw_industry as
select cast(null as varchar) as patent_id, cast(null as varchar) as industry_code
where false
