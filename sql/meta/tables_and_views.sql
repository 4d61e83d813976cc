select schema_name, table_name, 'table' as kind from duckdb_tables()
union all
select schema_name, view_name, 'view' as kind from duckdb_views() where not internal
