-- Without enrich.patent_applicant: applicants by normalised name (assignees where a patent has no applicant);
-- the type is the raw party type ('organization'|'person'|'unknown').
create or replace temp view nw_entity as
with ranked as (
    select
        patent_id,
        name_norm,
        party_type,
        role,
        min(case when role = 'applicant' then 0 else 1 end) over (partition by patent_id) as best_role
    from core.patent_party
    where role in ('applicant', 'assignee') and name_norm <> ''
),

final as (
    select distinct patent_id, name_norm as entity_id, coalesce(party_type, 'unknown') as entity_type
    from ranked
    where (case when role = 'applicant' then 0 else 1 end) = best_role
)

select * from final
