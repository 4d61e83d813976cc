create or replace temp view nw_zone as
select cast(null as varchar) as patent_id, cast(null as varchar) as zone_code, cast(null as double) as confidence
where false
