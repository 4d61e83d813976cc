-- PatentsView patent_id ('10000000', 'D0900000', 'RE28967') -> canonical US grant number without leading zeros,
-- the same spelling pipeline.normalize gives ('10000000', 'D900000'); NULL when it is not a patent number.
-- Plain digits take the cheap cast path: citation tables have tens of millions of them.
create or replace temp macro pv_us_number(x) as (
    case
        when try_cast(x as ubigint) > 0 then cast(try_cast(x as ubigint) as varchar)
        when regexp_full_match(upper(trim(x)), '(RE|PP|[DHTX])?[0-9]+')
            then regexp_replace(upper(trim(x)), '^(RE|PP|[DHTX])?0*([0-9])', '\1\2')
    end
)
