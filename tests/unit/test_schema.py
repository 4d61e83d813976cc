"""The warehouse schema: created idempotently, versioned, and every table and column documented."""

from __future__ import annotations

import duckdb

from pipeline.warehouse.schema import SCHEMA_VERSION, ensure_schema


def _snapshot(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "select schema_name, table_name, column_name, data_type, comment from duckdb_columns() "
        "where schema_name in ('meta', 'raw', 'core') order by all"
    ).fetchall()


def test_schema_is_created_once_and_versioned():
    con = duckdb.connect(":memory:")
    assert ensure_schema(con) == SCHEMA_VERSION
    first = _snapshot(con)
    assert ensure_schema(con) == SCHEMA_VERSION
    assert _snapshot(con) == first
    assert con.execute("select count(*) from meta.schema_version").fetchone() == (1,)


def test_every_table_and_column_has_a_comment():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    undocumented_tables = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() "
        "where schema_name in ('meta', 'raw', 'core') and (comment is null or comment = '')"
    ).fetchall()
    undocumented_columns = con.execute(
        "select schema_name || '.' || table_name || '.' || column_name from duckdb_columns() "
        "where schema_name in ('meta', 'raw', 'core') and (comment is null or comment = '')"
    ).fetchall()
    assert undocumented_tables == []
    assert undocumented_columns == []


def test_a_table_added_within_a_version_is_created_on_open():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    con.execute("drop table meta.step_state")
    ensure_schema(con)
    assert con.execute("select count(*) from meta.step_state").fetchone() == (0,)
