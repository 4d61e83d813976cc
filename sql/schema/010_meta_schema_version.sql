create table if not exists meta.schema_version (
    version integer not null,
    applied_at timestamp not null,
    description varchar not null
)
