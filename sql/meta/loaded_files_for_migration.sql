-- v3 migration: what each loaded file's artifact manifest records (its raw rows move from tables into it).
select
    file_id, sha256, file_name, size_bytes, format, source, is_synthetic,
    records_read_count, patents_loaded_count, rows_loaded_count, quarantined_count,
    framed_count, merged_duplicate_count, rejected_count, repaired_count, is_framed_by_adapter
from core.ingest_file
where status = 'loaded'
order by file_id
