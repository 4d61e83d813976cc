"""The PDF report's outline (GB/T 39551-2020 parts, numbered figures and tables, rows cut with a pointer) and
scopes, without a browser; and a render whose report cannot be printed still publishes the site."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import build_tiny_warehouse

from pipeline.errors import PatentNavError
from pipeline.render.context import Page, SiteContext
from pipeline.render.report_pdf import REPORT_ROWS, report_outline, scope_page
from pipeline.render.widgets import cards_section, cell, chart_section, table_section
from pipeline.settings import Settings


def test_scopes_name_a_zone_or_a_zone_and_industry(tmp_path: Path) -> None:
    settings = Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path, output=tmp_path)
    ctx = SiteContext(settings, set(), {"CQFTZ-LJ": {"zh": "两江片区", "en": "Liangjiang", "plan": ""}},
                      {"ELEC": {"zh": "电子信息", "en": "Electronics", "plan": ""}}, "—", {}, "", tmp_path)
    assert (scope_page(ctx, "CQFTZ-LJ").slug, scope_page(ctx, "cqftz-lj").industry) == ("zone-cqftz-lj", "ALL")
    page = scope_page(ctx, "CQFTZ-LJ-ELEC")
    assert (page.slug, page.title_zh, page.industry) == ("zone-cqftz-lj-elec", "两江片区 · 电子信息", "ELEC")
    with pytest.raises(PatentNavError, match="CQFTZ-LJ-ELEC"):
        scope_page(ctx, "CQFTZ-XX")


def test_outline_groups_sections_into_the_parts_and_numbers_figures_and_tables() -> None:
    page = Page("zone-x", "两江片区", "Liangjiang", "CQFTZ-LJ", "ALL")
    page.sections += [
        cards_section("summary", "概要", "Summary", [("10", "专利", "Patents")]),
        chart_section("collaboration", "合作网络", "Collaboration", {}),
        chart_section("trend", "申请趋势", "Trend", {}),
        table_section("signals", "预警", "Signals", [("text", "a", "a")], [[cell(i)] for i in range(40)]),
        table_section("tech_efficacy_patents", "各格专利", "Per cell", [("text", "a", "a")], [[cell(1)]]),
        chart_section("new_chart", "新图", "New", {}),
        {"id": "provenance", "kind": "provenance", "title_zh": "数据来源与说明", "title_en": "Provenance",
         "items": [], "files": []}]
    page.tables["signals"] = None  # type: ignore[assignment]  # only its presence matters
    outline = report_outline(page)
    numbered = {p["zh"]: [(e["number"], e["section"]["id"], e.get("figure"), e.get("table")) for e in p["entries"]]
                for p in outline["parts"]}
    assert numbered == {"产业现状": [("1.1", "trend", 1, None), ("1.2", "new_chart", 2, None)],
                        "创新主体": [("2.1", "collaboration", 3, None)],
                        "布局建议": [("3.1", "signals", None, 1)]}
    [signals] = outline["parts"][2]["entries"]
    assert len(signals["rows"]) == REPORT_ROWS and signals["cut"] == 40 - REPORT_ROWS
    assert signals["sheet_zh"] == "预警信号"
    assert outline["key"]["id"] == "summary" and outline["provenance"]["id"] == "provenance"


def test_a_report_that_cannot_be_printed_leaves_the_site_published(tmp_path: Path, monkeypatch) -> None:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render import report_pdf
    from pipeline.render.site import render_site

    monkeypatch.setattr(report_pdf, "CHROMIUM", tmp_path / "no-chromium")
    settings = Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path / "inbox", output=tmp_path / "out",
                        report_pdf=True)
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=False)
    run_indicators(con, settings)
    summary = render_site(con, settings)
    con.close()
    assert "chromium" in summary["reports"]["failed"] and not summary["sections_failed"]
    page = (settings.site_dir / "zone-cqftz-lj.html").read_text(encoding="utf-8")
    assert "report.pdf" not in page and not list(settings.site_dir.glob("exports/*.pdf"))
