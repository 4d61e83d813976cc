"""The record counts reach the user: `patentnav status` shows them, a v1 warehouse gains the columns, and
`patentnav query` writes LF-terminated CSV and one JSON document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import SCHEMA_VERSION, ensure_schema

ROOT = Path(__file__).resolve().parents[2]
LENS = ROOT / "tests" / "data" / "bad" / "lens_v2025_6rows.csv"


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("PATENTNAV_WAREHOUSE", str(path))
    with open_warehouse(path) as con:
        ingest_paths(con, [LENS])
    return path


def test_query_csv_ends_lines_with_lf_and_quotes_embedded_newlines(warehouse):
    sql = "select 1 as n, 'two' || chr(10) || 'lines' as t union all select 3, 'x,y' order by n"
    result = CliRunner().invoke(app, ["query", sql, "--format", "csv"])
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert b"\r" not in data
    assert data.endswith(b"\n")
    assert list(csv.reader(io.StringIO(data.decode()))) == [["n", "t"], ["1", "two\nlines"], ["3", "x,y"]]


def test_query_json_is_one_valid_document(warehouse):
    sql = "select patent_id, publication_date from core.patent"
    result = CliRunner().invoke(app, ["query", sql, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, list) and len(document) == 6
    assert set(document[0]) == {"patent_id", "publication_date"}


def test_status_shows_the_record_counts_of_each_file(warehouse):
    result = CliRunner().invoke(app, ["status"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    for label in ("framed", "loaded", "merged", "rejected", "repaired"):
        assert label in result.stdout
    [line] = [line for line in result.stdout.splitlines() if LENS.name in line]
    cells = [cell.strip() for cell in line.strip("│ ").split("│")]
    assert cells[:8] == [LENS.name, "lens_csv", "loaded", "6", "6", "0", "0", cells[7]]


def test_a_version_1_warehouse_gains_the_count_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    ensure_schema(con)
    new = ["framed_count", "merged_duplicate_count", "rejected_count", "repaired_count", "is_framed_by_adapter"]
    old = [c for (c,) in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'core' and table_name = 'ingest_file' "
        "order by column_index").fetchall() if c not in new]
    con.execute(f"create table core.ingest_file_v1 as select {', '.join(old)} from core.ingest_file")
    con.execute("drop table core.ingest_file")
    con.execute("alter table core.ingest_file_v1 rename to ingest_file")
    con.execute("update meta.schema_version set version = 1")

    assert ensure_schema(con) == SCHEMA_VERSION >= 2
    columns = {c for (c,) in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'core' and table_name = 'ingest_file'"
    ).fetchall()}
    assert set(new) <= columns
    con.close()


def test_status_at_80_columns_is_one_block_per_file(warehouse):
    result = CliRunner().invoke(app, ["status"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert LENS.name in lines  # the file name on a line of its own, not cut into fragments
    assert any(line.strip().startswith("framed 6 = loaded 6 + merged 0 + rejected 0") for line in lines)
