insert or replace into meta.file_signature values ($path, $signature, $sha256, $size_bytes, $hashed_at_ns)
