-- Specialisation (RTA) of each 片区 per technology field against Chongqing and the whole corpus, the
-- benchmark's growth, and white space: fast-growing benchmark field, weak 片区 (RTA < 1), related capability.
create or replace table mart.zone_specialisation as
with member as (
    select scope_code, patent_id, filing_year
    from mart.scope_member
    where industry_code = 'ALL' and in_headline and scope_code in ('CQFTZ-LJ', 'CQFTZ-XY', 'CQFTZ-GYG', 'CQ', 'ALL')
),

field as (
    select distinct patent_id, field_scheme, field_code, field_zh, field_en, field_group from nav_patent_field
),

scope_field as (
    select member.scope_code, field.field_scheme, field.field_code, any_value(field.field_zh) as field_zh,
        any_value(field.field_en) as field_en, any_value(field.field_group) as field_group,
        count(distinct member.patent_id) as field_count,
        count(distinct member.patent_id) filter (where member.filing_year between $last_year - 2 and $last_year)
            as recent_count,
        count(distinct member.patent_id) filter (where member.filing_year between $last_year - 5 and $last_year - 3)
            as prior_count
    from member
    inner join field on field.patent_id = member.patent_id
    group by all
),

scope_total as (
    select member.scope_code, field.field_scheme, count(distinct member.patent_id) as total
    from member
    inner join field on field.patent_id = member.patent_id
    group by all
),

zone as (
    select scope_field.*, scope_total.total
    from scope_field
    inner join scope_total using (scope_code, field_scheme)
    where scope_field.scope_code like 'CQFTZ-%'
),

bench as (
    select scope_field.*, scope_total.total
    from scope_field
    inner join scope_total using (scope_code, field_scheme)
    where scope_field.scope_code in ('CQ', 'ALL')
),

-- Every benchmark field paired with every 片区 (a field the 片区 has none of is the clearest white space).
zone_codes as (
    select distinct scope_code from zone
),

paired as (
    select
        zone_codes.scope_code,
        bench.scope_code as benchmark,
        bench.field_scheme,
        bench.field_code,
        bench.field_zh,
        bench.field_en,
        bench.field_group,
        coalesce(zone.field_count, 0) as zone_field_count,
        (select max(total) from scope_total as t where t.scope_code = zone_codes.scope_code
            and t.field_scheme = bench.field_scheme) as zone_total,
        bench.field_count as bench_field_count,
        bench.total as bench_total,
        round(100.0 * (bench.recent_count - bench.prior_count) / nullif(bench.prior_count, 0), 1) as bench_growth_pct
    from zone_codes
    cross join bench
    left join zone
        on zone.scope_code = zone_codes.scope_code and zone.field_scheme = bench.field_scheme
        and zone.field_code = bench.field_code
),

related as (
    select scope_code, field_scheme, field_group, sum(field_count) as group_count
    from zone
    group by all
),

scored as (
    select
        paired.*,
        round((paired.zone_field_count::double / nullif(paired.zone_total, 0))
            / nullif(paired.bench_field_count::double / nullif(paired.bench_total, 0), 0), 3) as rta,
        coalesce(related.group_count, 0) - paired.zone_field_count as related_count,
        median(paired.bench_growth_pct) over (partition by paired.scope_code, paired.benchmark, paired.field_scheme)
            as median_growth_pct
    from paired
    left join related
        on related.scope_code = paired.scope_code and related.field_scheme = paired.field_scheme
        and related.field_group = paired.field_group
),

flagged as (
    select
        *,
        coalesce(bench_growth_pct > median_growth_pct and rta < 1 and related_count > 0 and bench_field_count >= $min_bench,
            false) as is_white_space
    from scored
),

final as (
    select
        scope_code, benchmark, field_scheme, field_code, field_zh, field_en, field_group,
        zone_field_count, zone_total, bench_field_count, bench_total, rta, bench_growth_pct, median_growth_pct,
        related_count, is_white_space,
        case when is_white_space then row_number() over (
            partition by scope_code, benchmark, field_scheme, is_white_space
            order by bench_growth_pct * ln(1 + related_count) * (1 - rta) desc, field_code)
        end as direction_rank,
        case when is_white_space then
            '基准增长' || bench_growth_pct || '%（中位数' || median_growth_pct || '%），片区RTA ' || rta
            || '<1，相邻领域已有' || related_count || '件'
        end as reason_zh,
        case when is_white_space then
            'benchmark growth ' || bench_growth_pct || '% (median ' || median_growth_pct || '%), 片区 RTA ' || rta
            || ' < 1, ' || related_count || ' patents in neighbouring fields'
        end as reason_en
    from flagged
)

select * from final
order by scope_code, benchmark, field_scheme, direction_rank nulls last, rta desc nulls last, field_code
