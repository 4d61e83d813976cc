-- Applicants of each patent as entities; assignees stand in where a record names no applicant (USPTO grants
-- before 2013, Lens owners).
create or replace table enrich.patent_applicant as
with parties as (
    select
        pp.patent_id, pp.sequence, pp.role, pp.name_norm,
        bool_or(pp.role = 'applicant') over (partition by pp.patent_id) as has_applicant
    from core.patent_party as pp
    where pp.role in ('applicant', 'assignee')
),

final as (
    select p.patent_id, p.sequence, n.entity_id, p.role
    from parties as p
    join geo_name_entity as n on n.name_norm = p.name_norm
    where p.role = 'applicant' or not p.has_applicant
)

select * from final order by patent_id, role, sequence
