delete from core.vendor_classification where patent_id in (select patent_id from affected_patent)
