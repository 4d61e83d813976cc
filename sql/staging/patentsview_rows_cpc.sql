-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- CPC (current): the patent's lowest-sequence inventive symbol is the main one.
with source as (
    select patent_id, cpc_sequence, cpc_subclass, cpc_group, cpc_type
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as patent_id,
        'CPC' as scheme,
        coalesce(pv_cpc_symbol(s.cpc_subclass, s.cpc_group), '!bad:' || coalesce(nullif(s.cpc_group, ''), s.cpc_subclass, '')) as symbol,
        coalesce(try_cast(s.cpc_sequence as integer), 0) as sequence,
        coalesce(
            s.cpc_type like 'invent%'
            and try_cast(s.cpc_sequence as integer)
            = min(try_cast(s.cpc_sequence as integer)) over (partition by s.patent_id),
            false
        ) as is_main
    from source as s
    left join pv_kept_patent as p on p.number = pv_us_number(s.patent_id)
)

select * from final
