select count(*) as table_count
from duckdb_tables()
where schema_name = $schema and table_name = $table
