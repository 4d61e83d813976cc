-- The industry's whole landscape (every patent with map coordinates), flagged in_scope for the page's own
-- patents so a 片区 page can draw itself in colour over the industry in grey.
-- A stable pseudo-random sample of each group keeps large pages small and identical from run to run; it is
-- drawn from the coordinates alone, and only the sampled points fetch their title, applicant and dates (an
-- industry of a national warehouse has hundreds of thousands of points, a page shows a few thousand). The
-- industry's placed patents come from the render's temp table (sql/site/landscape_placed.sql).
with member as (
    select patent_id from mart.scope_member where scope_code = $scope and industry_code = $industry and in_headline
),

placed as (
    select
        placed.patent_id,
        placed.x,
        placed.y,
        placed.topic_id,
        member.patent_id is not null as in_scope
    from site_landscape_placed as placed
    left join member on member.patent_id = placed.patent_id
    where placed.industry_code = $industry
),

sampled as (
    select *
    from placed
    qualify row_number() over (partition by in_scope order by hash(patent_id), patent_id)
        <= case when in_scope then $limit else $context_limit end
),

first_applicant as (
    select applicant.patent_id, arg_min(coalesce(entity.display_name, applicant.entity_id), applicant.entity_id) as applicant
    from mart.patent_applicant as applicant
    left join mart.applicant as entity on entity.entity_id = applicant.entity_id
    where applicant.patent_id in (select patent_id from sampled)
    group by applicant.patent_id
),

final as (
    select
        sampled.patent_id,
        sampled.x,
        sampled.y,
        sampled.topic_id::varchar as topic,
        coalesce(topic.label_zh, topic.label_en, sampled.topic_id::varchar) as topic_zh,
        coalesce(topic.label_en, topic.label_zh, sampled.topic_id::varchar) as topic_en,
        coalesce(patent.title, '') as title,
        coalesce(first_applicant.applicant, '') as applicant,
        coalesce(cast(coalesce(patent.filing_year, year(patent.application_date)) as varchar), '') as year,
        coalesce(cast(patent.application_date as varchar), '') as date,
        sampled.in_scope,
        row_number() over (partition by sampled.in_scope order by hash(sampled.patent_id), sampled.patent_id)
            as sample_rank
    from sampled
    inner join core.patent as patent on patent.patent_id = sampled.patent_id
    left join enrich.topic as topic on topic.topic_id = sampled.topic_id and topic.industry_code = $industry
    left join first_applicant on first_applicant.patent_id = sampled.patent_id
)

select * exclude (sample_rank)
from final
order by in_scope, sample_rank
