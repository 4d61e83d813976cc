-- Applicant entities per patent from the FTZ owner's tables.
create or replace temp view nw_entity as
with final as (
    select distinct
        link.patent_id,
        link.entity_id,
        coalesce(entity.entity_type, 'other') as entity_type,
        coalesce(entity.display_name, link.entity_id) as label
    from enrich.patent_applicant as link
    left join enrich.applicant_entity as entity on entity.entity_id = link.entity_id
)

select * from final
