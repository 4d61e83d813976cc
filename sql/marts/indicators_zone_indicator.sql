create or replace table mart.zone_indicator as
with fact as (
    select * from ind_patent_fact where patent_type = 'invention'
),

zone as (
    select * from ind_patent_zone where district_code is not null
),

inventions as (
    select
        zone.district_code,
        count(*) as invention_application_count,
        count(*) filter (where fact.is_grant) as invention_grant_count
    from fact
    inner join zone on zone.patent_id = fact.patent_id
    group by zone.district_code
),

-- Latest population year per district (population.csv may hold several years).
population as (
    select
        district_code,
        arg_max(district_name_zh, population_year) as district_name_zh,
        max(population_year) as population_year,
        arg_max(population, population_year) as population
    from ind_population
    group by district_code
),

final as (
    select
        coalesce(inventions.district_code, population.district_code) as district_code,
        population.district_name_zh,
        coalesce(inventions.invention_application_count, 0) as invention_application_count,
        coalesce(inventions.invention_grant_count, 0) as invention_grant_count,
        population.population_year,
        population.population,
        round(10000.0 * coalesce(inventions.invention_grant_count, 0) / nullif(population.population, 0), 3)
            as invention_grants_per_10k,
        round(10000.0 * coalesce(inventions.invention_application_count, 0) / nullif(population.population, 0), 3)
            as invention_applications_per_10k
    from inventions
    full outer join population on population.district_code = inventions.district_code
)

select * from final
order by district_code
