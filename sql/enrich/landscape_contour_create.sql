create or replace table enrich.landscape_contour (
    industry_code varchar,
    level_index integer,
    density double,
    polygon_json varchar
)
