-- References to documents that left the corpus (file replaced or removed) lose their link.
update core.citation
set cited_patent_id = null
where cited_patent_id is not null
  and cited_patent_id not in (select patent_id from core.patent)
