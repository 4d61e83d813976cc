create or replace table enrich.topic (
    topic_id varchar primary key,
    industry_code varchar,
    label_zh varchar,
    label_en varchar,
    top_terms varchar,
    size integer,
    growth_pct double,
    x double,
    y double
)
