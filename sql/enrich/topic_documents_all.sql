select patent_id, title, abstract, industry_code, filing_year, doc_hash, codes from topic_document order by patent_id
