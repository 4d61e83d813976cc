create or replace temp view nw_topic as
select link.patent_id, coalesce(topic.label_en, topic.label_zh, link.topic_id) as topic_label
from enrich.patent_topic as link
left join enrich.topic as topic on topic.topic_id = link.topic_id
