"""Load named SQL files from sql/ and run them with DuckDB $parameters (never string formatting)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from pipeline.settings import _sql_dir


@cache
def read_sql(name: str, sql_dir: Path | None = None) -> str:
    """Return the text of sql/<name>.sql, e.g. read_sql("core/merge_patent")."""
    base = sql_dir or _sql_dir()
    path = (base / f"{name}.sql").resolve()
    if base.resolve() not in path.parents:
        raise ValueError(f"SQL name escapes the sql directory: {name}")
    return path.read_text(encoding="utf-8")


def run_sql(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Execute one named statement; parameters are bound, not interpolated."""
    text = read_sql(name)
    used = {key: value for key, value in (params or {}).items() if f"${key}" in text}
    return con.execute(text, used) if used else con.execute(text)


def list_sql(folder: str) -> list[str]:
    """Names (without .sql) of the statements in a folder, in file-name order."""
    base = _sql_dir() / folder
    return [f"{folder}/{p.stem}" for p in sorted(base.glob("*.sql"))]


def quote_literal(text: str) -> str:
    """Quote a constant we own (schema comments) as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def fetch_int(cursor: duckdb.DuckDBPyConnection) -> int:
    """The first column of the first row as an int (0 when empty). Fetches every row: DuckDB refuses further
    work such as register() on a connection with an unfinished result."""
    rows = cursor.fetchall()
    return int(rows[0][0] or 0) if rows else 0
