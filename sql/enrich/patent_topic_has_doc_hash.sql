-- Warehouses from before incremental topics have no doc_hash column: their topics are re-clustered once.
select count(*) as column_count
from duckdb_columns()
where schema_name = 'enrich' and table_name = 'patent_topic' and column_name = 'doc_hash'
