create or replace temp view ind_patent_topic as
select null::varchar as patent_id, null::varchar as topic_id
where false
