delete from core.cited_by where cited_patent_id in (select patent_id from affected_patent)
