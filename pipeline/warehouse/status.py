"""What is in the warehouse: for `patentnav status` and the site's provenance appendix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.warehouse.connection import open_warehouse

# Per file: what it held and what became of each record (framed = loaded + merged + rejected; repaired are loaded).
FILE_COLUMNS = (
    ("file", "file_name"),
    ("format", "format"),
    ("status", "status"),
    ("framed", "framed_count"),
    ("loaded", "patents_loaded_count"),
    ("merged", "merged_duplicate_count"),
    ("rejected", "rejected_count"),
    ("repaired", "repaired_count"),
    ("quarantined", "quarantined_count"),
    ("reason", "message"),
)


def warehouse_status(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"tables": {}, "files": [], "file_columns": [label for label, _ in FILE_COLUMNS]}
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
            f"select {', '.join(_file_expressions(con))} from core.ingest_file order by first_seen_at, file_name"
        ).fetchall()
    return {"tables": counts, "files": files, "file_columns": [label for label, _ in FILE_COLUMNS]}


def _file_expressions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The manifest columns, NULL for counts a warehouse opened read-only before its migration does not have yet."""
    present = {
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = 'core' and table_name = 'ingest_file'"
        ).fetchall()
    }
    return [column if column in present else f"null as {column}" for _, column in FILE_COLUMNS]
