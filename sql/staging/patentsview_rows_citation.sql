-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- US patent citations; the category text 'cited by examiner' becomes 'examiner' (as in the XML adapter).
-- Tens of millions of rows: the spellings PatentsView writes take the cheap paths (an ISO date is cast once,
-- the three category texts compared exactly), anything else the general rule.
with source as (
    select
        patent_id, citation_sequence, citation_patent_id, citation_date, citation_category,
        try_cast(citation_date as date) as iso_date,
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
        case
            when s.iso_date is null then pv_date(s.citation_date)
            when s.iso_date between date '1790-01-01' and make_date(year(current_date) + 2, 12, 31) then s.iso_date
        end as cited_date,
        case
            when s.citation_category is null then null
            when s.citation_category = 'cited by examiner' then 'examiner'
            when s.citation_category = 'cited by applicant' then 'applicant'
            when s.citation_category ilike '%examiner%' then 'examiner'
            when s.citation_category ilike '%applicant%' then 'applicant'
            else 'other'
        end as category,
        false as is_npl
    from source as s
    left join pv_kept_patent as p on p.number = pv_us_number(s.patent_id)
)

select * from final
