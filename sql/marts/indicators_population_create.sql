create or replace temp table ind_population (
    district_code varchar,
    district_name_zh varchar,
    population_year integer,
    population double
)
