create or replace temp table pv_abstract as
with source as (
    select patent_id, patent_abstract
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select pv_us_number(patent_id) as number, any_value(pv_clean(patent_abstract)) as abstract
    from source
    group by 1
)

select * from final
