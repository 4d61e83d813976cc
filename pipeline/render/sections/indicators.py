"""The page's rows of mart.zone_industry_year: counts, growth, shares and concentration by year."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, page_rows
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

INDICATOR_COLUMNS = (
    ("filing_year", "申请年", "Year"), ("application_count", "申请量", "Applications"),
    ("application_sensitivity_count", "敏感性", "Sensitivity"), ("grant_count", "授权", "Grants"),
    ("invention_count", "发明", "Inventions"), ("utility_model_count", "实用新型", "Utility models"),
    ("design_count", "外观设计", "Designs"), ("application_yoy_pct", "同比%", "YoY %"),
    ("scope_share_pct", "占本范围%", "Share of scope %"), ("benchmark_share_pct", "占全部数据%", "Share of all data %"),
    ("applicant_count", "申请人数", "Applicants"), ("hhi", "HHI", "HHI"), ("top5_share_pct", "前五占比%", "Top-5 %"),
    ("pct_share_pct", "PCT占比%", "PCT %"),
)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    data = page_rows(con, ctx, page, "indicators", needs="mart.zone_industry_year", sheet="indicators")
    if data is None:
        return
    rows = []
    for r in data.iter_rows(named=True):
        row = []
        for key, _, _ in INDICATOR_COLUMNS:
            value = r[key]
            text = "—" if value is None else (f"{value}*" if key == "filing_year" and r["is_pre_ftz"] else value)
            row.append(cell(text, sort=value, num=True))
        rows.append(row)
    page.sections.append(table_section(
        "indicators", "年度指标", "Indicators by year", [("number", zh, en) for _, zh, en in INDICATOR_COLUMNS],
        rows, note_zh="HHI 为申请人集中度（0–1）；* 为自贸区设立（2017-04-01）之前的年份。",
        note_en="HHI = applicant concentration (0–1); * = years before the FTZ launched (2017-04-01)."))


SECTION = Section("indicators", build, queries=("indicators",), sheets=("indicators",))
