"""What is in the warehouse: for `patentnav status` and the site's provenance appendix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.warehouse.connection import open_warehouse


def warehouse_status(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"tables": {}, "files": []}
    with open_warehouse(path, read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
            "where schema_name in ('core', 'enrich', 'mart') order by 1"
        ).fetchall()
        counts = {}
        for name, _ in tables:
            schema, table = name.split(".")
            row = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
            counts[name] = int(row[0]) if row else 0
        files = con.execute(
            "select file_name, format, status, patents_loaded_count, quarantined_count "
            "from core.ingest_file order by first_seen_at, file_name"
        ).fetchall()
    return {"tables": counts, "files": files}
