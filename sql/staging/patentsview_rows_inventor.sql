-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- Inventors: first + last name; place from g_location_disambiguated.
-- Names are cleaned and keyed once per distinct spelling (an inventor recurs on their patents; see
-- patentsview_rows_assignee.sql for why).
with source as materialized (
    select
        patent_id, inventor_sequence, location_id,
        concat_ws(' ', disambig_inventor_name_first, disambig_inventor_name_last) as spelling
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

names as (
    select spelling, name, pv_name_norm(name) as name_norm
    from (select spelling, pv_clean(spelling) as name from (select distinct spelling from source))
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as patent_id,
        'inventor' as role,
        coalesce(try_cast(s.inventor_sequence as integer), 0) as sequence,
        'person' as party_type,
        coalesce(n.name, '') as name_raw,
        coalesce(n.name_norm, '') as name_norm,
        l.country,
        l.state,
        l.city
    from source as s
    left join names as n on n.spelling = s.spelling
    left join pv_kept_patent as p on p.number = pv_us_number(s.patent_id)
    left join pv_location as l on l.location_id = s.location_id
)

select * from final
