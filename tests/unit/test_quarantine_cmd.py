"""`patentnav quarantine` lists and exports set-aside records, spreadsheet-safe."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.commands.quarantine import neutralise_cell
from pipeline.warehouse.connection import open_warehouse


def test_neutralise_cell():
    assert neutralise_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert neutralise_cell("+1") == "'+1" and neutralise_cell("@x") == "'@x" and neutralise_cell("-2") == "'-2"
    assert neutralise_cell("plain") == "plain" and neutralise_cell(None) == ""


def test_lists_and_exports(tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    monkeypatch.setenv("PATENTNAV_WAREHOUSE", str(warehouse))
    with open_warehouse(warehouse) as con:
        con.execute(
            "insert into core.ingest_file (file_id, path, file_name, sha256, size_bytes, format, source, "
            "status, first_seen_at) values ('f1', '/x/a.csv', 'a.csv', 's', 1, 'lens', 'lens', 'loaded', now())"
        )
        con.execute(
            "insert into core.quarantine values ('f1', 'a.csv', 'row 3', 'bad date', 'repaired', "
            '\'=HYPERLINK("http://x","y")\')'
        )
    out = tmp_path / "q.csv"
    result = CliRunner().invoke(app, ["quarantine", "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert "row 3" in result.output and "bad date" in result.output
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:4] == ["a.csv", "row 3", "bad date", "repaired"]
    assert rows[1][4].startswith("'=")
