create table if not exists raw.vendor_classification (
    file_id varchar not null,
    patent_id varchar not null,
    scheme varchar not null,
    code varchar not null,
    label varchar,
    is_main boolean not null default false,
    source varchar not null,
    sequence integer not null
)
