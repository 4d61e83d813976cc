create or replace temp view nw_topic as
select cast(null as varchar) as patent_id, cast(null as varchar) as topic_label
where false
