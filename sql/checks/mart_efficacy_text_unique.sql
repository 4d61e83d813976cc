-- One cached statement per text, extractor version and position.
select text_hash, extractor_version, ordinal, count(*) as row_count
from mart.efficacy_text
group by all
having count(*) > 1
