create table if not exists raw.patent_detail (
    file_id varchar not null,
    patent_id varchar not null,
    vendor varchar,
    title_en varchar,
    abstract_en varchar,
    first_claim varchar,
    first_claim_en varchar,
    office varchar,
    agency varchar,
    agent varchar,
    pct_publication varchar,
    pct_date date,
    legal_status_vendor varchar,
    validity_vendor varchar,
    validity varchar,
    vendor_fields_json varchar,
    extra_json varchar
)
