-- The text model's label for each distinct document text (title + abstract) under one model version. Kept
-- between runs so a night predicts only texts it has not seen; a retrained model starts it afresh.
create table if not exists enrich.text_prediction (
    doc_hash varchar not null,
    model_version varchar not null,
    industry_code varchar not null,
    score double not null,
    primary key (doc_hash, model_version)
)
