-- Rows about to be replaced (re-placed documents) and rows of patents that left the landscape.
delete from enrich.patent_topic as pt
where pt.patent_id in (select patent_id from _placed)
   or pt.patent_id not in (select patent_id from topic_document)
