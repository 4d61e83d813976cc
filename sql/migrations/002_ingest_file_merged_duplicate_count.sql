-- v2, record accounting: warehouses created at v1 gain the column (new ones have it from sql/schema).
alter table core.ingest_file add column if not exists merged_duplicate_count bigint default 0
