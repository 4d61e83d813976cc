delete from core.family_member where patent_id in (select patent_id from affected_patent)
