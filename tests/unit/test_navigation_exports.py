"""Exports carry Chinese headers with the field name alongside, and each scope's 专利清单 lists its patents."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_navigation_high_value import AS_OF, add, settings_for, warehouse

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.render.context import query
from pipeline.render.exports import write_page_exports
from pipeline.render.sections.patent_list import scope_patents


def test_excel_and_csv_headers_are_chinese_with_the_field_name(tmp_path: Path) -> None:
    import openpyxl

    frame = pl.DataFrame({"patent_id": ["CN1A"], "title": ["=1+1"], "unmapped_column": [1]})
    links = write_page_exports(tmp_path, "zone-x", {"专利清单 patent_list": frame})
    sheet = openpyxl.load_workbook(tmp_path / links["xlsx"]).worksheets[0]
    assert sheet.title == "专利清单"
    assert sheet["A1"].comment is not None and "patent_list" in sheet["A1"].comment.text
    assert [c.value for c in sheet[1]] == ["公开号 patent_id", "标题 title", "unmapped_column"]
    assert sheet["B2"].value == "'=1+1"  # still formula-safe
    csv_text = (tmp_path / links["csv"][0]["href"]).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "公开号 patent_id,标题 title,unmapped_column"


def test_every_sheet_name_is_chinese_valid_and_unique(tmp_path: Path) -> None:
    import openpyxl

    from pipeline.render.exports import SHEET_NAMES_ZH
    from pipeline.render.sections import all_sections

    keys = sorted({sheet for section in all_sections().values() for sheet in section.sheets} | set(SHEET_NAMES_ZH))
    frame = pl.DataFrame({"patent_id": ["CN1A"]})
    links = write_page_exports(tmp_path, "zone-all", {key: frame for key in keys})
    book = openpyxl.load_workbook(tmp_path / links["xlsx"])
    names = book.sheetnames
    assert len(names) == len(keys) and len({n.lower() for n in names}) == len(names)
    for key, sheet in zip(keys, book.worksheets, strict=True):
        assert 0 < len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in sheet.title), f"{key}: sheet {sheet.title!r} not Chinese"
        assert sheet["A1"].comment is not None and sheet["A1"].comment.text.startswith("English: ")


def test_patent_list_of_a_scope(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    add(con, "CN1B", date(2012, 1, 1))                 # in force, maintained 13 years: high value
    add(con, "CN6A", date(2022, 1, 1))                 # in force, no criterion
    add(con, "CN7A", date(2012, 1, 1), status="驳回")   # lapsed: listed, with its status, not high value
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=AS_OF)
    rows = scope_patents(con, {}, {"scope": "CQFTZ-XY", "industry": "ALL"})
    # Newest application first: CN6A (2022), then CN1B and CN7A (both 2012-01-01, by number).
    assert rows["patent_id"].to_list() == ["CN6A", "CN1B", "CN7A"]
    by_id = {r["patent_id"]: r for r in rows.iter_rows(named=True)}
    assert by_id["CN1B"]["is_high_value"] and "维持13年" in by_id["CN1B"]["reasons_zh"]
    assert not by_id["CN7A"]["is_high_value"] and by_id["CN7A"]["legal_status"] == "驳回"
    assert (by_id["CN1B"]["zone_code"], by_id["CN1B"]["zone_rule"], by_id["CN1B"]["ipc"]) == (
        "CQFTZ-XY", "kw", "F16B 1/00")
    assert query(con, "patent_list", {"scope": "CQFTZ-LJ", "industry": "ALL"}).height == 0


def test_the_overview_workbook_lists_every_patent_and_caps_a_huge_list(tmp_path: Path, monkeypatch) -> None:
    from pipeline.db import existing_tables
    from pipeline.render.context import Page, SiteContext
    from pipeline.render.sections import patent_list

    con = warehouse()
    settings = settings_for(tmp_path)
    for number, filed in (("CN1B", date(2012, 1, 1)), ("CN6A", date(2022, 1, 1)), ("CN7A", date(2013, 1, 1))):
        add(con, number, filed)
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=AS_OF)
    ctx = SiteContext(settings, existing_tables(con), {}, {}, "—", {}, "", tmp_path)
    index = Page("index", "总览", "Overview", "ALL", "ALL")
    patent_list.build(con, ctx, index)
    assert index.tables["专利清单 patent_list"]["patent_id"].to_list() == ["CN6A", "CN7A", "CN1B"]
    assert not any(s["id"] == "patent-list-note" for s in index.sections)
    # Beyond the sheet cap the export keeps the first rows and the page says so: 3 patents, cap 2.
    monkeypatch.setattr(patent_list, "MAX_SHEET_ROWS", 2)
    capped = Page("index", "总览", "Overview", "ALL", "ALL")
    patent_list.build(con, ctx, capped)
    assert capped.tables["专利清单 patent_list"].height == 2
    [note] = [s for s in capped.sections if s["id"] == "patent-list-note"]
    assert "3" in note["note_zh"] and "2" in note["note_zh"]
