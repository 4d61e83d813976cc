-- Rows the CSV reader could not split into the header's columns (ragged, bad quoting, bad encoding).
with errors as (
    select line, string_agg(distinct error_type::varchar || ': ' || error_message, '; ') as reason, any_value(csv_line) as csv_line
    from pv_reject_errors
    group by line
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' line ' || line as record_locator,
        'malformed row: ' || reason as reason,
        'rejected' as action,
        left(csv_line, 500) as raw_excerpt
    from errors
)

insert into core.quarantine by name select * from final
