-- Party keys and names in zstd, as core.citation's references (see 044): on the 5.3M rows of a 1M-patent
-- bundle they persist in 2.0 s against 3.2 s, in about the same space (bench/string_compression.py).
create table if not exists core.patent_party (
    patent_id varchar not null,
    role varchar not null,
    sequence integer not null,
    party_id varchar not null using compression zstd,
    party_type varchar,
    name_raw varchar not null using compression zstd,
    name_norm varchar not null using compression zstd,
    country varchar,
    state varchar,
    city varchar,
    address_raw varchar,
    postcode varchar,
    file_id varchar not null,
    county varchar
)
