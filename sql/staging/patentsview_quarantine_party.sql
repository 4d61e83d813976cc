-- Party rows of this member that name no kept patent or no one.
with bad as (
    select
        patent_id,
        sequence,
        name_raw,
        case
            when patent_id like '!orphan:%'
                then 'patent_id ' || coalesce(nullif(substr(patent_id, 9), ''), '(empty)') || ' is not a kept g_patent row'
            else 'no ' || role || ' name'
        end as reason
    from read_parquet($part)
    where patent_id like '!orphan:%' or name_norm = ''
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' patent_id ' || replace(patent_id, '!orphan:', '') || ' sequence ' || sequence as record_locator,
        reason,
        'rejected' as action,
        left(name_raw, 500) as raw_excerpt
    from bad
)

insert into core.quarantine by name select * from final
