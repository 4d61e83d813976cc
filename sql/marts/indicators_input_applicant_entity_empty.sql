create or replace temp view ind_applicant_entity as
select null::varchar as entity_id, null::varchar as display_name
where false
