create table if not exists raw.citation (
    file_id varchar not null,
    citing_patent_id varchar not null,
    sequence integer not null,
    cited_ref_raw varchar not null,
    cited_patent_ref varchar,
    cited_number_key varchar,
    cited_country varchar,
    cited_date date,
    category varchar,
    is_npl boolean not null default false
)
