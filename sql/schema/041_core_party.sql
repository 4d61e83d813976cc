create table if not exists core.party (
    party_id varchar primary key,
    name_norm varchar not null,
    party_type varchar,
    country varchar,
    patent_count bigint not null
)
