-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- Inventors: first + last name; place from g_location_disambiguated.
with source as (
    select
        patent_id, inventor_sequence, location_id,
        pv_clean(concat_ws(' ', disambig_inventor_name_first, disambig_inventor_name_last)) as name
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as patent_id,
        'inventor' as role,
        coalesce(try_cast(s.inventor_sequence as integer), 0) as sequence,
        'person' as party_type,
        coalesce(s.name, '') as name_raw,
        coalesce(pv_name_norm(s.name), '') as name_norm,
        l.country,
        l.state,
        l.city
    from source as s
    left join raw.patent as p on p.number_key = 'US' || pv_us_number(s.patent_id) and p.file_id = $file_id
    left join pv_location as l on l.location_id = s.location_id
)

select * from final
