with member as (
    select patent_id from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

listed as (
    select core_patent.patent_id, min(core_patent.rank) as core_rank, max(core_patent.core_score) as core_score
    from mart.core_patent as core_patent
    -- Only the page's own patents: the all-data list (zone NULL) also serves Chongqing-wide pages.
    inner join member on member.patent_id = core_patent.patent_id
    where core_patent.zone_code is not distinct from $zone and core_patent.industry_code = $industry
    group by core_patent.patent_id
),

-- When the networks step published no list for this page, rank the page's own patents by core score.
fallback as (
    select metrics.patent_id, null::integer as core_rank, metrics.core_score
    from mart.patent_citation_metrics as metrics
    inner join member on member.patent_id = metrics.patent_id
    where not exists (select 1 from listed)
),

chosen as (
    select * from listed
    union all
    select * from fallback
),

-- Ranked and cut to the page's $limit before anything is joined: a page without a published list ranks all of
-- its patents, and only the ones shown need a title and an applicant.
ranked as (
    select
        patent_id,
        coalesce(core_rank, row_number() over (order by core_score desc nulls last, patent_id)) as core_rank,
        core_score
    from chosen
),

shown as (
    select * from ranked order by core_rank, patent_id limit $limit
),

first_applicant as (
    select applicant.patent_id, arg_min(coalesce(entity.display_name, applicant.entity_id), applicant.entity_id) as applicant
    from mart.patent_applicant as applicant
    left join mart.applicant as entity on entity.entity_id = applicant.entity_id
    where applicant.patent_id in (select patent_id from shown)  -- not every patent of the warehouse
    group by applicant.patent_id
),

final as (
    select
        shown.patent_id,
        shown.core_rank,
        patent.title,
        first_applicant.applicant,
        patent.filing_year,
        metrics.forward_citations,
        metrics.backward_citations,
        metrics.pagerank,
        round(shown.core_score, 4) as core_score,
        metrics.community_id,
        coalesce(patent.is_synthetic, false) as is_synthetic
    from shown
    left join core.patent as patent on patent.patent_id = shown.patent_id
    left join mart.patent_citation_metrics as metrics on metrics.patent_id = shown.patent_id
    left join first_applicant on first_applicant.patent_id = shown.patent_id
)

select * from final order by core_rank, patent_id
