create or replace table enrich.zone as select * from _zones order by zone_code
