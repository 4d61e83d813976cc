-- Forget predictions of another model version or of texts no longer in the warehouse, so the table is what a
-- run from scratch with this model would build.
delete from enrich.text_prediction as t
where t.model_version <> $model_version
   or not exists (select 1 from industry_text_document as d where d.doc_hash = t.doc_hash)
