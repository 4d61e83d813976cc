select column_name
from duckdb_columns()
where schema_name = 'core' and table_name = 'ingest_file'
