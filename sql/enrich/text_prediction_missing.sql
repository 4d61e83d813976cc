-- Texts without a prediction under this model version (one row per text).
with final as (
    select d.doc_hash, any_value(d.title) as title, any_value(d.abstract) as abstract
    from industry_text_document as d
    anti join enrich.text_prediction as t on t.doc_hash = d.doc_hash and t.model_version = $model_version
    group by d.doc_hash
)

select * from final order by doc_hash
