-- Same rule as pipeline.normalize.clean_text for ASCII text: whitespace collapsed, placeholders become NULL.
create or replace temp macro pv_clean(x) as (
    case
        when trim(regexp_replace(x, '\s+', ' ', 'g')) not in ('', '-', '--', 'None', 'null', 'NULL', 'nan', 'NaN', '0')
            then trim(regexp_replace(x, '\s+', ' ', 'g'))
    end
)
