-- Staged straight to a Parquet part (COPY (this) TO …); bad rows are marked, quarantined and left out after.
-- Assignees: organisation, else first + last name; place from g_location_disambiguated.
-- Rows without a kept patent or a name are loaded with a marker and moved to quarantine right after.
-- Names are cleaned and keyed once per distinct spelling: a bulk table repeats each assignee on many patents,
-- and the regular expressions of pv_clean / pv_name_norm cost more than all the rest of a row.
with source as materialized (
    select
        patent_id, assignee_sequence, location_id,
        disambig_assignee_organization as organization,
        concat_ws(' ', disambig_assignee_individual_name_first, disambig_assignee_individual_name_last) as person
    from read_csv($path, sep = '\t', header = true, auto_detect = false, columns = $columns, all_varchar = true, quote = '"', escape = '"', store_rejects = true, rejects_table = 'pv_reject_errors', rejects_scan = 'pv_reject_scans')
),

cleaned as (
    select organization, person, pv_clean(organization) as organization_name, pv_clean(person) as person_name
    from (select distinct organization, person from source)
),

names as (
    select
        organization, person,
        organization_name is not null as is_organization,
        coalesce(organization_name, person_name) as name,
        pv_name_norm(coalesce(organization_name, person_name)) as name_norm
    from cleaned
),

final as (
    select
        $file_id as file_id,
        coalesce(p.patent_id, '!orphan:' || coalesce(s.patent_id, '')) as patent_id,
        'assignee' as role,
        coalesce(try_cast(s.assignee_sequence as integer), 0) as sequence,
        case when n.is_organization then 'organization' else 'person' end as party_type,
        coalesce(n.name, '') as name_raw,
        coalesce(n.name_norm, '') as name_norm,
        l.country,
        l.state,
        l.city
    from source as s
    left join names as n on n.organization is not distinct from s.organization and n.person = s.person
    left join pv_kept_patent as p on p.number = pv_us_number(s.patent_id)
    left join pv_location as l on l.location_id = s.location_id
)

select * from final
