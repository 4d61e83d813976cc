-- Same rule as pipeline.normalize.parse_date: known spellings only, 1790-01-01 .. end of next year + 1.
-- ISO dates (all of PatentsView) take the cheap cast; other spellings fall back to strptime.
create or replace temp macro pv_date(x) as (
    case
        when try_cast(x as date) is not null then
            case
                when try_cast(x as date) between date '1790-01-01' and make_date(year(current_date) + 2, 12, 31)
                    then try_cast(x as date)
            end
        when try_strptime(trim(x), ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d'])::date
            between date '1790-01-01' and make_date(year(current_date) + 2, 12, 31)
            then try_strptime(trim(x), ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d'])::date
    end
)
