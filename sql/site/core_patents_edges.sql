-- Citation edges touching the core patents: among them, and to each one's strongest direct neighbours (most
-- cited first, at most $per_node a core patent), with the neighbours' titles and years for the tooltip.
with core as (
    select unnest($ids) as patent_id
),

touching as (
    select distinct
        citation.citing_patent_id as citing_id,
        citation.cited_patent_id as cited_id,
        case when citation.citing_patent_id in (select patent_id from core) then citation.citing_patent_id
            else citation.cited_patent_id end as core_id,
        case when citation.citing_patent_id in (select patent_id from core) then citation.cited_patent_id
            else citation.citing_patent_id end as other_id
    from core.citation as citation
    where citation.cited_patent_id is not null
        and (citation.citing_patent_id in (select patent_id from core)
            or citation.cited_patent_id in (select patent_id from core))
),

ranked as (
    select
        touching.*,
        other_id in (select patent_id from core) as both_core,
        row_number() over (
            partition by core_id, other_id in (select patent_id from core)
            order by coalesce(metrics.forward_citations, 0) desc, other_id
        ) as neighbour_rank
    from touching
    left join mart.patent_citation_metrics as metrics on metrics.patent_id = touching.other_id
)

select
    ranked.citing_id,
    ranked.cited_id,
    ranked.both_core,
    coalesce(other.title, '') as other_title,
    coalesce(cast(other.filing_year as varchar), '') as other_year,
    coalesce(metrics.forward_citations, 0) as other_citations
from ranked
left join core.patent as other on other.patent_id = ranked.other_id
left join mart.patent_citation_metrics as metrics on metrics.patent_id = ranked.other_id
where ranked.both_core or ranked.neighbour_rank <= $per_node
order by ranked.citing_id, ranked.cited_id
