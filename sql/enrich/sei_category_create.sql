create or replace table enrich.sei_category (
    sei_code varchar primary key,
    sei_name_zh varchar,
    sei_industry_code varchar,
    sei_industry_name_zh varchar,
    industry_code varchar,
    concordance_rows integer,
    concordance_version varchar
)
