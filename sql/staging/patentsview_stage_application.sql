-- g_application: one application per patent (the first listed).
create or replace temp table pv_application as
with source as (
    select patent_id, application_id, filing_date
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        pv_us_number(patent_id) as number,
        arg_min(pv_clean(application_id), filing_date) as application_number,
        pv_date(min(filing_date)) as application_date
    from source
    group by 1
)

select * from final
