create table if not exists meta.run_log (
    run_id varchar not null,
    step varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,
    detail json
)
