-- Before applicant entities exist, parties as loaded stand in (applicants, or assignees when a patent has none).
create or replace temp view ind_patent_applicant as
with party as (
    select patent_id, party_id, role
    from core.patent_party
    where role in ('applicant', 'assignee') and party_id is not null
),

has_applicant as (
    select distinct patent_id from party where role = 'applicant'
),

final as (
    select distinct party.patent_id, party.party_id as entity_id
    from party
    left join has_applicant on has_applicant.patent_id = party.patent_id
    where party.role = 'applicant' or has_applicant.patent_id is null
)

select * from final
