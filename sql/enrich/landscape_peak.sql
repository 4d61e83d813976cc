create or replace table enrich.landscape_peak as
select industry_code, topic_id, x, y, label_zh, label_en
from enrich.topic
where size > 0
order by topic_id
