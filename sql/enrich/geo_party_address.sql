-- The address text to attribute for each applicant (or stand-in assignee): the full address where the source
-- gives one, else city, state and country joined.
create or replace temp table geo_party as
with parties as (
    select
        pp.*,
        bool_or(pp.role = 'applicant') over (partition by pp.patent_id) as has_applicant
    from core.patent_party as pp
    where pp.role in ('applicant', 'assignee')
),

final as (
    select
        p.patent_id, p.sequence, p.role, n.entity_id, n.name_key,
        coalesce(nullif(trim(p.address_raw), ''), nullif(concat_ws(', ', p.city, p.state, p.country), '')) as address
    from parties as p
    left join geo_name_entity as n on n.name_norm = p.name_norm
    where p.role = 'applicant' or not p.has_applicant
)

select * from final
