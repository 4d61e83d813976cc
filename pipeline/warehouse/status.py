"""What is in the warehouse: for `patentnav status` and the site's provenance appendix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import count_rows
from pipeline.sql import run_sql
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
        tables = run_sql(con, "meta/table_sizes").fetchall()
        counts = {name: count_rows(con, name) for name, _ in tables}
        files = con.execute(
            f"select {', '.join(_file_expressions(con))} from core.ingest_file order by first_seen_at, file_name"
        ).fetchall()
    return {"tables": counts, "files": files, "file_columns": [label for label, _ in FILE_COLUMNS]}


def _file_expressions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The manifest columns, NULL for counts a warehouse opened read-only before its migration does not have yet."""
    present = {
        row[0]
        for row in run_sql(con, "meta/ingest_file_columns").fetchall()
    }
    return [column if column in present else f"null as {column}" for _, column in FILE_COLUMNS]
