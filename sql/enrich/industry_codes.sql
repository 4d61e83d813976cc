create or replace temp table industry_code_hit as
with codes as (
    select
        patent_id,
        replace(symbol, ' ', '') as sym,
        max(case when is_main or sequence = 1 then 2.0 else 1.0 end) as weight
    from core.classification
    where scheme in ('IPC', 'CPC')
    group by patent_id, sym
),
includes as (
    select industry_code, parent_code, pattern from industry_pattern where not is_exclude
),
excludes as (
    select industry_code, pattern from industry_pattern where is_exclude
),
matched as (
    select c.patent_id, c.sym, i.industry_code, i.parent_code, length(i.pattern) as pattern_length
    from codes as c
    inner join includes as i on left(c.sym, 3) = left(i.pattern, 3) and starts_with(c.sym, i.pattern)
),
kept as (
    select m.*
    from matched as m
    anti join excludes as x on x.industry_code = m.industry_code and starts_with(m.sym, x.pattern)
),
best as (
    -- the most specific pattern decides each code's industry
    select * from kept
    qualify row_number() over (partition by patent_id, sym order by pattern_length desc, industry_code) = 1
),
final as (
    select
        c.patent_id,
        c.sym,
        c.weight,
        coalesce(b.industry_code, 'OTHER.OTHER') as level2_code,
        coalesce(b.parent_code, 'OTHER') as level1_code
    from codes as c
    left join best as b on b.patent_id = c.patent_id and b.sym = c.sym
)
select * from final
