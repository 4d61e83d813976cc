delete from raw.citation
where file_id = $file_id and (citing_patent_id like '!orphan:%' or cited_ref_raw = '')
