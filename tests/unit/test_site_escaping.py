"""Hostile text in a title and an applicant name stays inert in the HTML, the embedded chart JSON, Excel and CSV."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import HOSTILE_NAME, HOSTILE_TITLE, build_tiny_warehouse

from pipeline.render.widgets import json_for_script, patent_office_url
from pipeline.safety import safe_file_name
from pipeline.safety import spreadsheet_safe as neutralise_cell

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render.site import render_site
    from pipeline.settings import Settings

    root = tmp_path_factory.mktemp("escaping")
    settings = Settings(warehouse=root / "w.duckdb", inbox=root / "in", output=root / "out")
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=True)
    run_indicators(con, settings)
    render_site(con, settings)
    return settings.site_dir


def test_every_exported_file_has_a_safe_name(site: Path) -> None:
    assert safe_file_name("=evil <b>citations", "network") == "evil-b-citations"
    for path in (site / "exports").rglob("*"):
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", path.name), path


def test_html_never_contains_the_raw_script(site: Path) -> None:
    seen_escaped = 0
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert SCRIPT not in text, page.name
        assert "alert(1)</script" not in text
        # Only our own script elements: the bundle, site.js and JSON chart specs.
        for tag in re.findall(r"<script[^>]*>", text):
            assert tag in ('<script src="assets/vega-bundle.js">', '<script src="assets/site.js">') or \
                tag.startswith('<script type="application/json" id="spec-'), tag
        seen_escaped += text.count("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert seen_escaped > 0, "the hostile strings should appear, escaped, as text"


def strings_in(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value)) if value else set()
    return set()


def test_chart_json_round_trips_the_hostile_name(site: Path) -> None:
    found = False
    for page in site.glob("*.html"):
        for body in re.findall(r'<script type="application/json" id="spec-[^"]*">(.*?)</script>',
                               page.read_text(encoding="utf-8"), flags=re.S):
            assert "<" not in body and "\u2028" not in body
            if HOSTILE_NAME in strings_in(json.loads(body)):
                found = True
    assert found, "top-applicant data should carry the hostile name as plain data"


def test_excel_and_csv_cells_are_inert(site: Path) -> None:
    import openpyxl

    formula_like = 0
    for book_path in (site / "exports").glob("*.xlsx"):
        book = openpyxl.load_workbook(book_path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for c in row:
                    if isinstance(c.value, str):
                        assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), (book_path.name, c.value)
                        if c.value.startswith("'=HYPERLINK"):
                            formula_like += 1
                    assert c.data_type != "f", (book_path.name, c.coordinate, c.value)
    assert formula_like > 0
    csv_hits = 0
    for csv_path in (site / "exports").rglob("*.csv"):
        with open(csv_path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for value in row:
                    assert not value.startswith(("=", "+", "@", "\t", "\r")), (csv_path, value)
                    csv_hits += value.startswith("'=HYPERLINK")
    assert csv_hits > 0


def test_helpers() -> None:
    assert neutralise_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert neutralise_cell("-1+2") == "'-1+2" and neutralise_cell("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_cell("\t=1") == "'\t=1" and neutralise_cell(-3) == -3 and neutralise_cell("重庆") == "重庆"
    assert safe_file_name("../../etc/passwd") == "etc-passwd"
    assert re.fullmatch(r"[A-Za-z0-9._-]+", safe_file_name(HOSTILE_TITLE))
    assert patent_office_url("CN110802989A") == "https://patents.google.com/patent/CN110802989A"
    assert patent_office_url("EP1234567B1", ).startswith("https://worldwide.espacenet.com/")
    assert patent_office_url('CN1"><script>') is None and patent_office_url("javascript:alert(1)") is None
    text = json_for_script({"a": "</script><!-- \u2028 & >"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 & >"}
