create table if not exists core.ingest_file (
    file_id varchar primary key,
    path varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    size_bytes bigint not null,
    format varchar not null,
    source varchar not null,
    status varchar not null,
    records_read_count bigint not null default 0,
    patents_loaded_count bigint not null default 0,
    rows_loaded_count bigint not null default 0,
    quarantined_count bigint not null default 0,
    is_synthetic boolean not null default false,
    first_seen_at timestamp not null,
    loaded_at timestamp,
    load_seconds double,
    message varchar
)
