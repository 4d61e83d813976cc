select count(*) as document_count from topic_document
