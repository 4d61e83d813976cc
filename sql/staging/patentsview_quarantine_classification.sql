-- Classification rows of this member that name no kept patent or carry no usable symbol.
with bad as (
    select
        patent_id,
        sequence,
        symbol,
        case
            when patent_id like '!orphan:%'
                then 'patent_id ' || coalesce(nullif(substr(patent_id, 9), ''), '(empty)') || ' is not a kept g_patent row'
            else scheme || ' symbol ''' || substr(symbol, 6)
                || ''' not usable (sections A-H and Y in H01L 21/02 form only, as pipeline.normalize.normalize_ipc)'
        end as reason
    from read_parquet($part)
    where patent_id like '!orphan:%' or symbol like '!bad:%'
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' patent_id ' || replace(patent_id, '!orphan:', '') || ' sequence ' || sequence as record_locator,
        reason,
        'rejected' as action,
        substr(symbol, 6) as raw_excerpt
    from bad
)

insert into core.quarantine by name select * from final
