-- Same rule as pipeline.normalize.parse_date: known spellings only, 1790-01-01 .. end of next year + 1.
create or replace temp macro pv_date(x) as (
    case
        when try_strptime(trim(x), ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d'])::date
            between date '1790-01-01' and make_date(year(current_date) + 2, 12, 31)
            then try_strptime(trim(x), ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d'])::date
    end
)
