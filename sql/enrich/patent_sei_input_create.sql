create or replace table enrich.patent_sei_input (
    patent_id varchar not null,
    input_hash ubigint not null,
    labels_version varchar not null
)
