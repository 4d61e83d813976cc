create table if not exists core.patent_party (
    patent_id varchar not null,
    role varchar not null,
    sequence integer not null,
    party_id varchar not null,
    party_type varchar,
    name_raw varchar not null,
    name_norm varchar not null,
    country varchar,
    state varchar,
    city varchar,
    address_raw varchar,
    postcode varchar,
    file_id varchar not null,
    county varchar
)
