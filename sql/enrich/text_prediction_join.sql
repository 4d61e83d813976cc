-- Each document's prediction: the model's label for patents without codes and the codes' disagreement check.
create or replace temp table industry_text_prediction as
with final as (
    select d.patent_id, t.industry_code, t.score, d.code_industry
    from industry_text_document as d
    inner join enrich.text_prediction as t on t.doc_hash = d.doc_hash and t.model_version = $model_version
)

select * from final
