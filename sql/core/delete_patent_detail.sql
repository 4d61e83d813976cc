delete from core.patent_detail where patent_id in (select patent_id from affected_patent)
