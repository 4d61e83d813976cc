create or replace table enrich.patent_sei (
    patent_id varchar not null,
    sei_code varchar not null,
    sei_name_zh varchar,
    sei_industry_code varchar not null,
    sei_industry_name_zh varchar,
    source varchar not null,
    rule varchar not null,
    concordance_version varchar
)
