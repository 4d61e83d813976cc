create table if not exists raw.cited_by (
    file_id varchar not null,
    cited_patent_id varchar not null,
    sequence integer not null,
    citing_ref_raw varchar not null,
    citing_patent_ref varchar,
    citing_number_key varchar
)
