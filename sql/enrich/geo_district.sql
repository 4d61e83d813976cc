create or replace table enrich.district as select * from _districts order by district_code
