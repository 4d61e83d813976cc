create table if not exists raw.classification (
    file_id varchar not null,
    patent_id varchar not null,
    scheme varchar not null,
    symbol varchar not null,
    is_main boolean not null default false,
    sequence integer not null
)
