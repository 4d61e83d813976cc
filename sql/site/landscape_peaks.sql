select
    peak.x,
    peak.y,
    coalesce(peak.label_zh, peak.label_en, cast(peak.topic_id as varchar)) as label_zh,
    coalesce(peak.label_en, peak.label_zh, cast(peak.topic_id as varchar)) as label_en,
    coalesce(topic.size, 0) as size
from enrich.landscape_peak as peak
left join enrich.topic as topic on topic.topic_id = peak.topic_id and topic.industry_code = peak.industry_code
where peak.industry_code = $industry and peak.x is not null and peak.y is not null
order by size desc, label_en
