-- Same key as pipeline.normalize.normalize_name (party_id is md5 of it, so sources must agree):
-- printable ASCII is done here; anything else (accents, CJK, full width) goes to the Python function,
-- which DuckDB calls only for the rows that reach that branch.
create or replace temp macro pv_name_norm(x) as (
    case
        when pv_clean(x) is null then null
        when regexp_full_match(x, '[ -~]*')
            then nullif(trim(regexp_replace(regexp_replace(upper(pv_clean(x)), '[.,;:''"`]+', ' ', 'g'), ' +', ' ', 'g')), '')
        else pv_py_normalize_name(x)
    end
)
