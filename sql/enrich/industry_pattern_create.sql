create or replace temp table industry_pattern (
    industry_code varchar,
    parent_code varchar,
    pattern varchar,
    is_exclude boolean
)
