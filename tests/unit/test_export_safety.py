"""One rule for every file an analyst opens in a spreadsheet: no exported text cell can run as a formula.

Each export path gets the same hostile values and every cell is read back from the file it wrote.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from pipeline.safety import FORMULA_PREFIXES, safe_file_name, spreadsheet_safe, spreadsheet_safe_text

HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", '=HYPERLINK("http://x","y")']


def assert_inert(cells: list[str], where: str) -> None:
    for value in cells:
        assert not value.startswith(FORMULA_PREFIXES), f"{where}: {value!r}"


def csv_cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_the_rule():
    for value in HOSTILE:
        assert spreadsheet_safe(value) == "'" + value
        assert spreadsheet_safe_text(value) == "'" + value
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe("重庆") == "重庆" and spreadsheet_safe_text(None) == ""
    assert safe_file_name("../../etc/passwd") == "etc-passwd" and safe_file_name("两江", "x") == "x"
    assert len(safe_file_name("a" * 500)) == 80


def test_site_workbook_and_csv_exports(tmp_path: Path):
    import openpyxl

    from pipeline.render.exports import write_page_exports

    frame = pl.DataFrame({"name": HOSTILE, "count": list(range(len(HOSTILE)))})
    links = write_page_exports(tmp_path, "page", {"=sheet": frame})
    book = openpyxl.load_workbook(tmp_path / links["xlsx"])
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert len(cells) == len(HOSTILE) + 2
    assert_inert(cells, "xlsx")
    for link in links["csv"]:
        assert_inert(csv_cells(tmp_path / link["href"]), link["href"])


def test_network_exports(tmp_path: Path):
    from pipeline.render.network_exports import write_network

    nodes = [{"id": f"n{i}", "label": value} for i, value in enumerate(HOSTILE)]
    edges = [{"source": "n0", "target": "n1", "weight": 1, "link_type": "=cmd"}]
    written = write_network(tmp_path, "=net", nodes, edges)
    for path in written:
        if path.suffix == ".csv":
            assert_inert(csv_cells(path), path.name)
    assert all(p.name.startswith("net") for p in written)


def test_quarantine_export(tmp_path: Path):
    from pipeline.commands.quarantine import write_export

    rows = [tuple(HOSTILE[i:i + 5]) for i in range(0, 4)]
    write_export(tmp_path / "q.csv", rows)
    assert_inert(csv_cells(tmp_path / "q.csv"), "quarantine")


@pytest.mark.parametrize("hostile_id", HOSTILE)
def test_locate_output(tmp_path: Path, hostile_id: str):
    from typer.testing import CliRunner

    from pipeline.cli import app

    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "address"], [hostile_id, "重庆市沙坪坝区西永大道1号"]])
    result = CliRunner().invoke(app, ["locate", "--input", str(source), "--output", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert_inert(csv_cells(tmp_path / "o.csv"), "locate")
