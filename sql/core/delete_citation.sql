delete from core.citation where citing_patent_id in (select patent_id from affected_patent)
