-- One invention per simple family (a CN application and its US grant are one invention); documents without
-- family evidence count alone, except that documents of one application (A and B publications) are one.
-- Family evidence: the document's own family_id, else the family_id of any record that lists it as a member.
create or replace view core.patent_invention as
with listed as (
    select member_number_key as number_key, min(family_id) as family_id
    from core.family_member
    where member_number_key is not null
    group by member_number_key
),

final as (
    select
        p.patent_id,
        coalesce(
            p.family_id,
            l.family_id,
            case when p.application_number is not null then 'APP:' || p.jurisdiction || ':' || p.application_number end,
            'DOC:' || p.patent_id
        ) as invention_id,
        case
            when p.family_id is not null then 'own_family'
            when l.family_id is not null then 'listed_in_family'
            when p.application_number is not null then 'application'
            else 'document'
        end as invention_rule
    from core.patent as p
    left join listed as l on l.number_key = p.number_key
)

select * from final
