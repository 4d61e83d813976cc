-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- US patent citations; the category text 'cited by examiner' becomes 'examiner' (as in the XML adapter).
with source as (
    select
        patent_id, citation_sequence, citation_patent_id, citation_date, citation_category,
        'US' || pv_us_number(citation_patent_id) as cited_key
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as citing_patent_id,
        coalesce(try_cast(s.citation_sequence as integer), 0) as sequence,
        coalesce(trim(s.citation_patent_id), '') as cited_ref_raw,
        s.cited_key as cited_patent_ref,
        s.cited_key as cited_number_key,
        'US' as cited_country,
        pv_date(s.citation_date) as cited_date,
        case
            when s.citation_category ilike '%examiner%' then 'examiner'
            when s.citation_category ilike '%applicant%' then 'applicant'
            when s.citation_category is not null then 'other'
        end as category,
        false as is_npl
    from source as s
    left join raw.patent as p on p.number_key = 'US' || pv_us_number(s.patent_id) and p.file_id = $file_id
)

select * from final
