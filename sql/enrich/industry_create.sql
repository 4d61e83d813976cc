create or replace table enrich.industry (
    industry_code varchar primary key,
    level integer,
    parent_code varchar,
    name_zh varchar,
    name_en varchar,
    plan_zones varchar,
    source varchar,
    include_patterns varchar,
    exclude_patterns varchar,
    taxonomy_version varchar
)
