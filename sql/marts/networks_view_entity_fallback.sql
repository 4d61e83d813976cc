-- Without enrich.patent_applicant: loaded parties stand in (applicants, or assignees where a patent has none),
-- keyed by core.patent_party.party_id (the hash of the normalised name) exactly as the site's fallback is, so
-- mart rows join to its pages; label = name_norm; the type is the raw party type or 'unknown'.
create or replace temp view nw_entity as
with ranked as (
    select
        patent_id,
        party_id,
        name_norm,
        party_type,
        role,
        min(case when role = 'applicant' then 0 else 1 end) over (partition by patent_id) as best_role
    from core.patent_party
    where role in ('applicant', 'assignee') and party_id is not null
),

final as (
    select distinct
        patent_id,
        party_id as entity_id,
        coalesce(party_type, 'unknown') as entity_type,
        name_norm as label
    from ranked
    where (case when role = 'applicant' then 0 else 1 end) = best_role
)

select * from final
