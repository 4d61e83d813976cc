select schema_name, table_name from duckdb_tables()
union all
select schema_name, view_name from duckdb_views() where not internal
