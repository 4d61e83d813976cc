update core.ingest_file set status = 'superseded'
where file_id in (select unnest($file_ids))
