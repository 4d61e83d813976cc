-- Design-patent boilerplate (外观设计, "(外观)", "ornamental design", and CC-CEDICT's "look" for 外观) is a document
-- type, never a topic word.
select topic_id, label_zh, label_en
from enrich.topic
where label_zh like '%外观%'
   or regexp_matches(lower(coalesce(label_en, '')), '(^|[ /])(ornamental|look)( |$|/)|^design$')
