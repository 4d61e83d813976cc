"""Connection-level primitives every layer shares: does a table exist, and one transaction as a block.

They live below every layer (beside settings and the SQL loader) so that no layer writes its own version with
its own rules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from pipeline.sql import fetch_int, run_sql


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    """Whether `schema.table` exists (temp tables count under their schema, e.g. `temp.x`)."""
    schema, _, table = qualified.partition(".")
    if not table:
        raise ValueError(f"table name must be schema-qualified: {qualified!r}")
    return fetch_int(run_sql(con, "meta/table_exists", {"schema": schema, "table": table})) > 0


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every `schema.table` in the database (tables and views)."""
    return {f"{schema}.{table}" for schema, table, _ in run_sql(con, "meta/tables_and_views").fetchall()}


def count_rows(con: duckdb.DuckDBPyConnection, qualified: str) -> int:
    """Rows in `schema.table`. The name is an identifier, so it cannot be a bound parameter: it is checked
    against the catalogue and quoted, never taken from data."""
    if not table_exists(con, qualified):
        raise ValueError(f"no such table: {qualified}")
    schema, _, table = qualified.partition(".")
    return fetch_int(con.execute(f'select count(*) from "{schema}"."{table}"'))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One DuckDB transaction: committed when the block ends, rolled back when it raises (and re-raised)."""
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException:
        # A transaction that failed on I/O (a full disk, also at commit) has already been ended by DuckDB; the
        # error that ended it is the one to report, not the refused rollback.
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("rollback")
        raise
