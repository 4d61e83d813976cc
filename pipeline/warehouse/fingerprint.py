"""Checksums of every warehouse table, to prove two builds equal (a night vs a rebuild, a Celery run vs
`patentnav run`, a refactor vs main).

Columns that record when or how long something ran (timestamps, seconds, step summaries, absolute paths) are
left out: they differ between any two runs of the same data.
"""

from __future__ import annotations

import re

import duckdb

TIMING_COLUMN = re.compile(r"(seconds|_at$|_at_ns$|summary|path|first_seen)")


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """{"schema.table": (row count, order-independent hash of the non-timing columns)} for every base table."""
    result: dict[str, tuple[int, str]] = {}
    tables = con.execute(
        "select schema_name, table_name from duckdb_tables() where not temporary order by 1, 2").fetchall()
    for schema, table in tables:
        columns = [name for name, kind in con.execute(
            "select column_name, data_type from duckdb_columns() where schema_name = $s and table_name = $t "
            "order by column_index", {"s": schema, "t": table}).fetchall()
            if not TIMING_COLUMN.search(name) and not kind.startswith("TIMESTAMP")]
        expression = ", ".join(f'"{column}"' for column in columns) or "1"
        # identifiers come from the catalogue of the database being read, quoted
        row = con.execute(
            f'select count(*), coalesce(sum(hash(({expression}))), 0) from "{schema}"."{table}"').fetchone()
        assert row is not None
        result[f"{schema}.{table}"] = (int(row[0]), str(row[1]))
    return result


def differing_tables(a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]) -> list[str]:
    """Tables present in only one of the two, or whose count or hash differ, in name order."""
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
