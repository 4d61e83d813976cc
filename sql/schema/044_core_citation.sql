-- The four reference columns are nearly unique within a row group, and DuckDB's default string compression
-- (dictionary + FSST) spent most of a bulk load's time persisting them. In zstd each persists in about 1.0 s
-- against 1.4-1.5 s per 10M rows, takes 82 MB against 59-70 MB, and counts distinct as fast
-- (bench/string_compression.py; README, Scale). A warehouse created before keeps the default until it is
-- rebuilt.
create table if not exists core.citation (
    citing_patent_id varchar not null,
    sequence integer not null,
    cited_ref_raw varchar not null using compression zstd,
    cited_patent_ref varchar using compression zstd,
    cited_number_key varchar using compression zstd,
    cited_patent_id varchar using compression zstd,
    cited_country varchar,
    cited_date date,
    category varchar,
    is_npl boolean not null,
    file_id varchar not null
)
