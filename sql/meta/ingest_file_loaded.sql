update core.ingest_file set
    records_read_count = $records_read,
    patents_loaded_count = $patents_loaded,
    rows_loaded_count = $rows_loaded,
    quarantined_count = $quarantined,
    loaded_at = $loaded_at,
    load_seconds = $load_seconds,
    message = $message
where file_id = $file_id
