select
    coalesce(sum(citation_count) filter (where is_self), 0) as self_citation_count,
    coalesce(sum(citation_count), 0) as citation_count
from mart.applicant_citation_flow
