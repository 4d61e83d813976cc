create or replace temp view ind_patent_topic as
select distinct patent_id, topic_id::varchar as topic_id
from enrich.patent_topic
where topic_id is not null
