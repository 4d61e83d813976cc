-- 每万人口有效发明专利拥有量 and 每万人口高价值发明专利拥有量 per 片区 (and all Chongqing) and per district:
-- CN invention patents in force (not every grant ever) held by applicants located there.
create or replace table mart.high_value_indicator as
with patent as (
    select * from mart.high_value_patent where jurisdiction = 'CN'
),

zone_member as (
    select scope_code as area_code, patent_id
    from mart.scope_member
    where industry_code = 'ALL' and in_headline and scope_code in ('CQFTZ-LJ', 'CQFTZ-XY', 'CQFTZ-GYG', 'CQ')
),

district_member as (
    select district_code as area_code, patent_id from ind_patent_zone where district_code is not null
),

member as (
    select 'zone' as level, * from zone_member
    union all
    select 'district' as level, * from district_member
),

counts as (
    select
        member.level,
        member.area_code,
        count(*) as valid_invention_count,
        count(*) filter (where patent.in_force_basis = 'presumed') as valid_presumed_count,
        count(*) filter (where patent.is_high_value) as high_value_count,
        count(*) filter (where patent.is_high_value_interim) as high_value_count_interim,
        count(*) filter (where patent.is_synthetic) as synthetic_count
    from member
    inner join patent on patent.patent_id = member.patent_id
    group by all
),

population as (
    select
        district_code as area_code,
        arg_max(district_name_zh, population_year) as name_zh,
        max(population_year) as population_year,
        arg_max(population, population_year) as population
    from ind_population
    group by district_code
),

-- All Chongqing: the sum over the pre-2026 county-level units (codes 500xxx); 两江新区 overlaps them.
chongqing as (
    select 'CQ' as area_code, '重庆市' as name_zh, max(population_year) as population_year, sum(population) as population
    from population
    where area_code like '500%'
),

area as (
    select 'zone' as level, code as area_code, name_zh, null::int as population_year, null::double as population
    from (values ('CQFTZ-LJ', '两江片区'), ('CQFTZ-XY', '西永片区'), ('CQFTZ-GYG', '果园港片区')) as zone(code, name_zh)
    union all
    select 'zone', area_code, name_zh, population_year, population from chongqing
    union all
    select 'district', area_code, name_zh, population_year, population from population
),

final as (
    select
        coalesce(area.level, counts.level) as level,
        coalesce(area.area_code, counts.area_code) as area_code,
        area.name_zh,
        coalesce(counts.valid_invention_count, 0) as valid_invention_count,
        coalesce(counts.valid_presumed_count, 0) as valid_presumed_count,
        coalesce(counts.high_value_count, 0) as high_value_count,
        coalesce(counts.high_value_count_interim, 0) as high_value_count_interim,
        round(100.0 * counts.high_value_count / nullif(counts.valid_invention_count, 0), 1) as high_value_share_pct,
        coalesce(counts.synthetic_count, 0) as synthetic_count,
        area.population_year,
        area.population,
        round(10000.0 * coalesce(counts.valid_invention_count, 0) / nullif(area.population, 0), 4) as valid_per_10k,
        round(10000.0 * coalesce(counts.high_value_count, 0) / nullif(area.population, 0), 4) as high_value_per_10k
    from area
    full outer join counts on counts.level = area.level and counts.area_code = area.area_code
)

select * from final
order by level desc, area_code
