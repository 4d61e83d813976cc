delete from raw.patent_party
where file_id = $file_id and role = $role and (patent_id like '!orphan:%' or name_norm = '')
