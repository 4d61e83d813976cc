delete from core.patent_party where patent_id in (select patent_id from affected_patent)
