select schema_name, table_name, column_name from duckdb_columns()
