select x, y, coalesce(label_zh, label_en, cast(topic_id as varchar)) as label_zh, coalesce(label_en, label_zh) as label_en
from enrich.landscape_peak
where industry_code = $industry and x is not null and y is not null
