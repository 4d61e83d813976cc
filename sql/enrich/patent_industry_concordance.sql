create or replace table enrich.patent_industry as
with totals as (
    select patent_id, sum(weight) as total from industry_code_hit group by patent_id
),
per_level as (
    select patent_id, level1_code as industry_code, 1 as level, sum(weight) as weight
    from industry_code_hit group by all
    union all
    select patent_id, level2_code as industry_code, 2 as level, sum(weight) as weight
    from industry_code_hit group by all
),
final as (
    select
        l.patent_id,
        l.industry_code,
        l.level,
        round(l.weight / t.total, 4) as score,
        'concordance' as method,
        row_number() over (partition by l.patent_id, l.level order by l.weight desc, l.industry_code) = 1
            as is_primary,
        $taxonomy_version as taxonomy_version,
        cast(null as varchar) as model_version,
        false as disagrees_with_codes
    from per_level as l
    inner join totals as t on t.patent_id = l.patent_id
    inner join core.patent as p on p.patent_id = l.patent_id
)
select * from final
