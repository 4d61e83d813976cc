create or replace table mart.zone_industry_year as
with member as (
    select * from mart.scope_member where filing_year is not null
),

applicant as (
    select * from ind_patent_applicant
),

counts as (
    select
        scope_code,
        industry_code,
        filing_year,
        count(*) filter (where in_headline) as application_count,
        count(*) filter (where in_sensitivity) as application_sensitivity_count,
        count(*) filter (where in_headline and is_grant) as grant_count,
        count(*) filter (where in_headline and patent_type = 'invention') as invention_count,
        count(*) filter (where in_headline and patent_type = 'utility_model') as utility_model_count,
        count(*) filter (where in_headline and patent_type = 'design') as design_count,
        count(*) filter (where in_headline and is_pct) as pct_count,
        count(*) filter (where in_headline and is_synthetic) as synthetic_count
    from member
    group by scope_code, industry_code, filing_year
),

applicant_patents as (
    select member.scope_code, member.industry_code, member.filing_year, applicant.entity_id,
        count(distinct member.patent_id) as patent_count
    from member
    inner join applicant on applicant.patent_id = member.patent_id
    where member.in_headline
    group by member.scope_code, member.industry_code, member.filing_year, applicant.entity_id
),

ranked_applicants as (
    select
        *,
        row_number() over (
            partition by scope_code, industry_code, filing_year order by patent_count desc, entity_id
        ) as applicant_rank
    from applicant_patents
),

-- HHI on applicants' patent counts (a patent with two applicants counts for each): 0..1, 1 = one applicant.
concentration as (
    select
        scope_code,
        industry_code,
        filing_year,
        count(*) as applicant_count,
        sum(patent_count * patent_count) / (sum(patent_count) * sum(patent_count)) as hhi,
        100.0 * sum(patent_count) filter (where applicant_rank <= 5) / sum(patent_count) as top5_share_pct
    from ranked_applicants
    group by scope_code, industry_code, filing_year
),

scope_total as (
    select scope_code, filing_year, application_count as scope_application_count
    from counts
    where industry_code = 'ALL'
),

benchmark as (
    select industry_code, filing_year, application_count as benchmark_application_count
    from counts
    where scope_code = 'ALL'
),

final as (
    select
        counts.scope_code,
        counts.industry_code,
        counts.filing_year,
        counts.application_count,
        counts.application_sensitivity_count,
        counts.grant_count,
        counts.invention_count,
        counts.utility_model_count,
        counts.design_count,
        round(
            100.0 * (counts.application_count - previous.application_count)
            / nullif(previous.application_count, 0), 1
        ) as application_yoy_pct,
        round(100.0 * counts.application_count / nullif(scope_total.scope_application_count, 0), 2)
            as scope_share_pct,
        round(100.0 * counts.application_count / nullif(benchmark.benchmark_application_count, 0), 2)
            as benchmark_share_pct,
        coalesce(concentration.applicant_count, 0) as applicant_count,
        round(concentration.hhi, 4) as hhi,
        round(concentration.top5_share_pct, 2) as top5_share_pct,
        counts.pct_count,
        round(100.0 * counts.pct_count / nullif(counts.application_count, 0), 2) as pct_share_pct,
        counts.synthetic_count,
        counts.filing_year < 2017 as is_pre_ftz
    from counts
    left join counts as previous
        on previous.scope_code = counts.scope_code
        and previous.industry_code = counts.industry_code
        and previous.filing_year = counts.filing_year - 1
    left join scope_total
        on scope_total.scope_code = counts.scope_code and scope_total.filing_year = counts.filing_year
    left join benchmark
        on benchmark.industry_code = counts.industry_code and benchmark.filing_year = counts.filing_year
    left join concentration
        on concentration.scope_code = counts.scope_code
        and concentration.industry_code = counts.industry_code
        and concentration.filing_year = counts.filing_year
)

select * from final
order by scope_code, industry_code, filing_year
