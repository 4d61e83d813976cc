-- The evidence for where the applicant is: each attribution rule, 片区 and matched address text, with counts.
-- Ties are ordered by their text so the page and its export read the same on every run.
select location.zone_code, location.rule, round(max(location.confidence), 2) as confidence,
    location.matched_text, count(distinct location.patent_id) as patent_count
from enrich.patent_location as location
where location.entity_id = $entity
group by all
order by patent_count desc, confidence desc nulls last, location.zone_code, location.rule, location.matched_text
limit 20
