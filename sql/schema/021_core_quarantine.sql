create table if not exists core.quarantine (
    file_id varchar not null,
    file_name varchar not null,
    record_locator varchar not null,
    reason varchar not null,
    action varchar not null,
    raw_excerpt varchar
)
