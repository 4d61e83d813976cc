insert into core.ingest_file (
    file_id, path, file_name, sha256, size_bytes, format, source, status, is_synthetic, first_seen_at, message
)
values ($file_id, $path, $file_name, $sha256, $size_bytes, $format, $source, $status, $is_synthetic, $seen_at,
        $message)
on conflict (file_id) do update set
    path = excluded.path,
    file_name = excluded.file_name,
    format = excluded.format,
    source = excluded.source,
    status = excluded.status,
    message = excluded.message
