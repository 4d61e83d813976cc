create or replace temp view ind_topic as
select null::varchar as topic_id, null::varchar as label_zh, null::varchar as label_en
where false
