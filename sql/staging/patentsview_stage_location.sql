create or replace temp table pv_location as
with source as (
    select location_id, disambig_city, disambig_state, disambig_country
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

final as (
    select
        location_id,
        any_value(pv_clean(disambig_city)) as city,
        any_value(pv_clean(disambig_state)) as state,
        any_value(upper(pv_clean(disambig_country))) as country
    from source
    group by 1
)

select * from final
