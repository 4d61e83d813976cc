delete from core.quarantine where file_id in (select unnest($file_ids))
