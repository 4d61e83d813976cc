select patent_id, forward_citations, backward_citations, pagerank, core_score
from mart.patent_citation_metrics
where forward_citations < 0 or backward_citations < 0 or pagerank < 0 or coalesce(forward_citations_reported, 0) < 0
    or core_score < 0 or core_score > 100.0000001
