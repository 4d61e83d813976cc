create or replace table enrich.patent_topic (
    patent_id varchar primary key,
    topic_id varchar,
    x double,
    y double,
    map_version varchar,
    doc_hash varchar
)
