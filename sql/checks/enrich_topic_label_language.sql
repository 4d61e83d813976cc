-- Labels in the right language: label_zh must hold Chinese characters, label_en must hold none.
select topic_id, label_zh, label_en
from enrich.topic
where not regexp_matches(coalesce(label_zh, ''), '[\x{4e00}-\x{9fff}]')
   or regexp_matches(coalesce(label_en, ''), '[\x{4e00}-\x{9fff}]')
   or coalesce(label_en, '') = ''
