-- One row per patent and efficacy, and every efficacy is in the vocabulary.
select patent_id, efficacy_code, count(*) as row_count
from mart.patent_efficacy
group by all
having count(*) > 1 or bool_or(efficacy_zh is null)
