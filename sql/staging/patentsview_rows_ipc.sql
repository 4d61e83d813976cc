-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- IPC at issue: symbol from its parts; symbol_position 'F' marks the first (main) symbol.
with source as (
    select patent_id, ipc_sequence, section, ipc_class, subclass, main_group, subgroup, symbol_position
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as patent_id,
        'IPC' as scheme,
        coalesce(pv_cpc_symbol(
            case
                when length(trim(s.subclass)) = 4 then s.subclass
                when length(trim(s.ipc_class)) = 3 then trim(s.ipc_class) || trim(s.subclass)
                else concat(trim(s.section), trim(s.ipc_class), trim(s.subclass))
            end,
            case
                when length(trim(s.subclass)) = 4 then s.subclass
                when length(trim(s.ipc_class)) = 3 then trim(s.ipc_class) || trim(s.subclass)
                else concat(trim(s.section), trim(s.ipc_class), trim(s.subclass))
            end || trim(s.main_group) || '/' || trim(s.subgroup)
        ), '!bad:' || concat_ws(' ', s.section, s.ipc_class, s.subclass, s.main_group, s.subgroup)) as symbol,
        coalesce(try_cast(s.ipc_sequence as integer), 0) as sequence,
        coalesce(upper(s.symbol_position) = 'F', false) as is_main
    from source as s
    left join pv_kept_patent as p on p.number = pv_us_number(s.patent_id)
)

select * from final
