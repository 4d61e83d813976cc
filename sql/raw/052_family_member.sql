create table if not exists raw.family_member (
    file_id varchar not null,
    patent_id varchar not null,
    family_id varchar not null,
    sequence integer not null,
    member_ref varchar not null,
    member_number_key varchar
)
