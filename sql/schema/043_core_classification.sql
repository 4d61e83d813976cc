create table if not exists core.classification (
    patent_id varchar not null,
    scheme varchar not null,
    symbol varchar not null,
    subclass varchar not null,
    main_group varchar,
    is_main boolean not null,
    sequence integer not null,
    file_id varchar not null
)
