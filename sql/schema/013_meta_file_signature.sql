-- The content hash last computed for each inbox unit with the size and mtime of its members, so a night hashes
-- only files that changed instead of re-reading the whole inbox.
create table if not exists meta.file_signature (
    path varchar primary key,
    signature varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    hashed_at_ns bigint not null
)
