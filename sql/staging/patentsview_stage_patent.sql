-- g_patent, typed once: canonical number, kind, dates, and the occurrence of each number (1 = kept).
create or replace temp table pv_patent as
-- The file order (record_no) is numbered in a pass of its own: an ordered row_number() runs on one thread, and
-- the cleaning below would otherwise run on that thread with it.
with source as materialized (
    select row_number() over () as record_no, *
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

typed as (
    select
        record_no,
        patent_id as src_id,
        pv_us_number(patent_id) as number,
        pv_date(patent_date) as grant_date,
        patent_date,
        nullif(upper(trim(wipo_kind)), '') as wipo_kind,
        pv_clean(patent_title) as title,
        try_cast(num_claims as integer) as claims_count,
        withdrawn,
        left(concat_ws(chr(9), patent_id, patent_type, patent_date, patent_title, wipo_kind, num_claims, withdrawn), 500) as raw_excerpt
    from source
),

final as (
    select
        *,
        pv_kind(number, wipo_kind, grant_date) as kind,
        row_number() over (partition by number order by record_no) as occurrence
    from typed
)

select * from final
