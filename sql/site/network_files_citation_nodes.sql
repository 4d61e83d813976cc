-- The citation network export: the top patents by PageRank (Gephi/VOSviewer files are for reading).
select
    metrics.patent_id,
    coalesce(patent.title, metrics.patent_id) as label,
    metrics.community_id,
    metrics.forward_citations,
    metrics.pagerank,
    metrics.core_score,
    patent.filing_year,
    patent.is_synthetic
from mart.patent_citation_metrics as metrics
inner join core.patent as patent using (patent_id)
order by metrics.pagerank desc, metrics.patent_id
limit $n
