-- Kept rows whose date or kind could not be used as given: loaded, with the repair recorded.
with repaired as (
    select
        record_no,
        src_id,
        raw_excerpt,
        case
            when grant_date is null and patent_date is not null
                then 'unparseable patent_date ' || patent_date || '; grant_date left empty'
            else 'wipo_kind ' || wipo_kind || ' does not fit the number/grant date; kind set to '
                || coalesce(kind, 'none')
        end as reason
    from pv_patent
    where number is not null and occurrence = 1
      and ((grant_date is null and patent_date is not null) or (wipo_kind is not null and wipo_kind is distinct from kind))
),

final as (
    select
        $file_id as file_id,
        $file_name as file_name,
        $member || ' record ' || record_no || ' (patent_id ' || src_id || ')' as record_locator,
        reason,
        'repaired' as action,
        raw_excerpt
    from repaired
)

insert into core.quarantine by name select * from final
