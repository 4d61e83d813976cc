-- Same rule as pipeline.normalize.clean_text for ASCII text: whitespace collapsed, placeholders become NULL.
-- The regex runs only for the few values with doubled, leading, trailing or non-space whitespace.
create or replace temp macro pv_clean(x) as (
    case
        when x is null or x in ('', '-', '--', 'None', 'null', 'NULL', 'nan', 'NaN', '0') then null
        when not regexp_matches(x, '\s\s|^\s|\s$|[\t\n\r\f\v]') then x
        when trim(regexp_replace(x, '\s+', ' ', 'g')) in ('', '-', '--', 'None', 'null', 'NULL', 'nan', 'NaN', '0')
            then null
        else trim(regexp_replace(x, '\s+', ' ', 'g'))
    end
)
