-- Same key as pipeline.normalize.normalize_name (party_id is md5 of it, so sources must agree), for a value
-- already passed through pv_clean. ASCII (bytes = characters) is done here: upper-case, runs of spaces and
-- punctuation become one space. Anything else (accents, CJK, full width) goes to the Python function, which
-- DuckDB calls only for the rows that reach that branch.
create or replace temp macro pv_name_norm(cleaned) as (
    case
        when cleaned is null then null
        when strlen(cleaned) = length(cleaned)
            then nullif(trim(regexp_replace(upper(cleaned), '[\s.,;:''"`]+', ' ', 'g')), '')
        else pv_py_normalize_name(cleaned)
    end
)
