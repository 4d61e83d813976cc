-- Patent metrics from nw_metrics_input (registered by pipeline.analyse.citations).
-- cohort_fc_normalised = forward citations / mean forward citations of the cohort (filing year x primary
-- industry; filing year only where no industry). core_score (0..100) = weighted mean of percentile ranks:
-- 0.40 cohort-normalised fc, 0.30 PageRank, 0.15 family size, 0.15 claims count; a missing component
-- drops out and the remaining weights are rescaled.
create or replace table mart.patent_citation_metrics as
with cohort as (
    select
        *,
        avg(forward_citations) over (partition by filing_year, industry_code) as cohort_mean_fc
    from nw_metrics_input
),

normalised as (
    select
        *,
        case when cohort_mean_fc > 0 then forward_citations / cohort_mean_fc else 0.0 end as cohort_fc_normalised
    from cohort
),

ranked as (
    select
        *,
        percent_rank() over (order by cohort_fc_normalised) as p_fc,
        percent_rank() over (order by pagerank) as p_pr,
        case when family_size is not null then percent_rank() over (
            partition by family_size is null order by family_size) end as p_family,
        case when claims_count is not null then percent_rank() over (
            partition by claims_count is null order by claims_count) end as p_claims
    from normalised
),

final as (
    select
        patent_id,
        forward_citations,
        cited_by_count_reported as forward_citations_reported,
        backward_citations,
        pagerank,
        cohort_fc_normalised,
        100.0 * (
            0.40 * p_fc + 0.30 * p_pr + 0.15 * coalesce(p_family, 0) + 0.15 * coalesce(p_claims, 0)
        ) / (
            0.70 + case when p_family is null then 0 else 0.15 end + case when p_claims is null then 0 else 0.15 end
        ) as core_score,
        community_id
    from ranked
)

select * from final order by patent_id
