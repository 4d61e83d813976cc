"""Create and migrate the warehouse schema idempotently; record the version; document every column."""

from __future__ import annotations

import csv
from datetime import datetime

import duckdb

from pipeline.db import existing_tables, table_exists, transaction
from pipeline.settings import _sql_dir
from pipeline.sql import list_sql, quote_literal, read_sql, run_sql

SCHEMA_VERSION = 4
SCHEMA_DESCRIPTION = "patent_party.county (区县 of the address as filed); raw.* are views over Parquet artifacts"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every create-if-not-exists statement, pending migrations and the column documentation."""
    current = _current_version(con)
    if current == SCHEMA_VERSION and _all_tables_present(con) and _raw_views_present(con):
        return current
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"warehouse schema v{current} is newer than this code (v{SCHEMA_VERSION}); upgrade PatentNav"
        )
    with transaction(con):
        for name in list_sql("schema"):
            run_sql(con, name)
        for name in list_sql("migrations") if (_sql_dir() / "migrations").is_dir() else []:
            step = int(name.split("/")[-1].split("_")[0])
            if current < step <= SCHEMA_VERSION:
                run_sql(con, name)
        if current < 3:
            move_raw_tables_to_artifacts(con)
        if not _raw_views_present(con):
            from pipeline.warehouse.artifacts import refresh_raw_views

            refresh_raw_views(con)
        apply_comments(con)
        if current < SCHEMA_VERSION:
            run_sql(con, "meta/schema_version_record", {"version": SCHEMA_VERSION, "applied_at": datetime.now(),
                                                         "description": SCHEMA_DESCRIPTION})
    return SCHEMA_VERSION


def _all_tables_present(con: duckdb.DuckDBPyConnection) -> bool:
    """True when every table the schema files create exists (a table added within a version is created too)."""
    expected = set()
    for name in list_sql("schema"):
        text = read_sql(name)
        marker = "create table if not exists "
        if marker in text:
            expected.add(text.split(marker, 1)[1].split("(", 1)[0].strip())
    return expected <= existing_tables(con)


def _raw_views_present(con: duckdb.DuckDBPyConnection) -> bool:
    from pipeline.warehouse.artifacts import RAW_VIEWS

    views = {f"{s}.{t}" for s, t, kind in run_sql(con, "meta/tables_and_views").fetchall() if kind == "view"}
    return all(f"raw.{table}" in views for table in RAW_VIEWS)


def move_raw_tables_to_artifacts(con: duckdb.DuckDBPyConnection) -> int:
    """v3: a warehouse that kept raw rows in raw.* tables writes each loaded file's rows into its artifact
    (as staging would have), then drops the tables; the views take their place. Returns the files moved."""
    from pipeline.warehouse.artifacts import RAW_VIEWS, write_migrated_artifact

    tables = [table for table in RAW_VIEWS if table_exists(con, f"raw.{table}")]
    if not tables:
        return 0
    files = run_sql(con, "meta/loaded_files_for_migration").fetchall()
    for (file_id, sha256, file_name, size, fmt, source, is_synthetic, records_read, patents_loaded, rows_loaded,
         quarantined, framed, merged, rejected, repaired, by_adapter) in files:
        manifest = {
            "sha256": sha256, "file_id": file_id, "size_bytes": size, "file_name": file_name,
            "is_synthetic": is_synthetic, "format": fmt, "source": source, "status": "staged",
            "migrated_from_schema": 2, "records_read": records_read, "patents_loaded": patents_loaded,
            "rows_loaded": rows_loaded, "quarantined": quarantined,
            "counts": {"framed": framed, "loaded": patents_loaded, "merged_duplicates": merged, "rejected": rejected,
                       "repaired": repaired, "is_framed_by_adapter": by_adapter},
        }
        write_migrated_artifact(con, manifest, tables)
    for table in tables:
        con.execute(f"drop table raw.{table}")  # our constant names
    return len(files)


def _current_version(con: duckdb.DuckDBPyConnection) -> int:
    if not table_exists(con, "meta.schema_version"):
        return 0
    row = run_sql(con, "meta/schema_version_current").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def column_docs() -> list[dict[str, str]]:
    """sql/schema/column_docs.csv: object, column (blank for the table itself), comment.

    raw.* tables mirror core.* per file; their columns inherit the core column's text unless documented.
    """
    with open(_sql_dir() / "schema" / "column_docs.csv", encoding="utf-8") as handle:
        docs = list(csv.DictReader(handle))
    documented = {(d["object"], d["column"]) for d in docs}
    inherited = []
    for doc in docs:
        if doc["object"].startswith("core.") and doc["column"]:
            raw_object = "raw." + doc["object"].split(".", 1)[1]
            if (raw_object, doc["column"]) not in documented:
                inherited.append({**doc, "object": raw_object})
    return docs + inherited


def apply_raw_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Comments of the raw views (recreated with each load, which drops their comments)."""
    apply_comments(con, prefix="raw.")


def apply_comments(con: duckdb.DuckDBPyConnection, prefix: str = "") -> None:
    """COMMENT ON every documented table, view and column that exists now.

    DuckDB does not take parameters in COMMENT ON, so the text (ours, from a versioned file) is quoted as a
    literal and the identifiers are checked against the catalogue before use.
    """
    known_tables = {f"{s}.{t}": kind for s, t, kind in run_sql(con, "meta/tables_and_views").fetchall()}
    known_columns = {f"{s}.{t}.{c}" for s, t, c in run_sql(con, "meta/columns").fetchall()}
    for doc in column_docs():
        obj, column, comment = doc["object"], doc["column"], doc["comment"]
        if obj not in known_tables or not obj.startswith(prefix):
            continue
        if column:
            if f"{obj}.{column}" in known_columns:
                con.execute(f"comment on column {obj}.{column} is {quote_literal(comment)}")
        else:
            con.execute(f"comment on {known_tables[obj]} {obj} is {quote_literal(comment)}")
