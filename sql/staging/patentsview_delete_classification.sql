delete from raw.classification
where file_id = $file_id and scheme = $scheme and (patent_id like '!orphan:%' or symbol like '!bad:%')
