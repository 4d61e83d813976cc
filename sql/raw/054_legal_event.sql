create table if not exists raw.legal_event (
    file_id varchar not null,
    patent_id varchar not null,
    sequence integer not null,
    event_type varchar not null,
    event_date date,
    event_count integer,
    event_text varchar,
    source_field varchar not null
)
