-- One row per normalised applicant name: its most frequent raw spelling, party type and country, and how many
-- party rows carry it. Ties go to the alphabetically first value, so every run (and a night versus a build from
-- scratch) picks the same display name and type.
with parties as (
    select
        name_norm,
        name_raw,
        party_type,
        country,
        count(*) over (partition by name_norm, name_raw) as raw_count,
        count(*) over (partition by name_norm, party_type) as type_count,
        count(*) over (partition by name_norm, country) as country_count
    from core.patent_party
    where role in ('applicant', 'assignee')
),

final as (
    select
        name_norm,
        first(name_raw order by raw_count desc, name_raw) as name_raw,
        first(party_type order by type_count desc, party_type) filter (where party_type is not null)
            as party_type,
        first(country order by country_count desc, country) filter (where country is not null) as country,
        count(*) as party_count
    from parties
    group by name_norm
)

select * from final order by name_norm
