select topic_id, label_zh, label_en from enrich.topic order by topic_id
