-- Citation rows that name no kept citing patent or no cited patent.
with bad as (
    select
        citing_patent_id,
        sequence,
        cited_ref_raw,
        case
            when citing_patent_id like '!orphan:%'
                then 'patent_id ' || coalesce(nullif(substr(citing_patent_id, 9), ''), '(empty)') || ' is not a kept g_patent row'
            else 'no citation_patent_id'
        end as reason
    from read_parquet($part)
    where citing_patent_id like '!orphan:%' or cited_ref_raw = ''
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' patent_id ' || replace(citing_patent_id, '!orphan:', '') || ' sequence ' || sequence as record_locator,
        reason,
        'rejected' as action,
        left(cited_ref_raw, 500) as raw_excerpt
    from bad
)

insert into core.quarantine by name select * from final
