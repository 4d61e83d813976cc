-- Citations among the exported patents (registered by the caller as nw_export_ids).
select distinct citation.citing_patent_id, citation.cited_patent_id
from core.citation as citation
where citation.cited_patent_id in (select patent_id from nw_export_ids)
  and citation.citing_patent_id in (select patent_id from nw_export_ids)
  and citation.citing_patent_id <> citation.cited_patent_id
order by 1, 2
