select schema_name || '.' || table_name as table_name, estimated_size
from duckdb_tables()
where schema_name in ('core', 'enrich', 'mart')
order by 1
