create or replace temp view ind_patent_applicant as
select null::varchar as patent_id, null::varchar as entity_id
where false
