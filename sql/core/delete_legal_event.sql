delete from core.legal_event where patent_id in (select patent_id from affected_patent)
