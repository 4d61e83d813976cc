create table if not exists meta.step_state (
    step varchar primary key,
    input_fingerprint varchar not null,
    finished_at timestamp not null,
    summary json
)
