create or replace temp view ind_topic as
select topic_id::varchar as topic_id, label_zh, label_en
from enrich.topic
