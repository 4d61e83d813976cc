-- Rejected g_patent rows: no usable number, or a repeat of a number already kept.
with rejected as (
    select
        p.record_no,
        p.src_id,
        p.raw_excerpt,
        case
            when p.number is null then 'no usable patent_id'
            else 'duplicate of patent_id ' || p.src_id || ' at record ' || k.record_no || ' in g_patent; first kept'
        end as reason
    from pv_patent as p
    left join pv_patent as k on k.number = p.number and k.occurrence = 1
    where p.number is null or p.occurrence > 1
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' record ' || record_no || coalesce(' (patent_id ' || src_id || ')', '') as record_locator,
        reason,
        'rejected' as action,
        raw_excerpt
    from rejected
)

insert into core.quarantine by name select * from final
