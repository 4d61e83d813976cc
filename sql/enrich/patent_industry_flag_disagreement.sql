update enrich.patent_industry as i
set disagrees_with_codes = true, model_version = $model_version
from industry_text_prediction as t
where t.patent_id = i.patent_id and t.code_industry is not null and t.industry_code <> t.code_industry
  and t.score >= $min_score
