create or replace temp view ind_patent_zone as
select
    null::varchar as patent_id,
    null::varchar as zone_code,
    null::varchar as district_code,
    null::boolean as is_chongqing,
    null::double as confidence
where false
