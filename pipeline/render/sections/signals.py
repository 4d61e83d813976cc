"""Early warning: new entrants and rising applicants and topics in the last twelve months."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, page_rows
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, fmt_pct, table_section

SIGNAL_NAMES = {"new_entrant": ("新进入者", "New entrant"), "rising_applicant": ("快速增长申请人", "Rising applicant"),
                "rising_topic": ("快速增长主题", "Rising topic")}
SIGNAL_COLUMNS = [("text", "信号", "Signal"), ("text", "对象", "Subject"), ("number", "近12个月", "Last 12 m"),
                  ("number", "前12个月", "Prior 12 m"), ("number", "增长", "Growth"),
                  ("text", "首次申请", "First filing")]


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    signals = page_rows(con, ctx, page, "signals", needs="mart.signal", sheet="signals")
    if signals is None:
        return
    rows = []
    for r in signals.iter_rows(named=True):
        zh, en = SIGNAL_NAMES.get(r["signal_type"], (r["signal_type"], r["signal_type"]))
        rows.append([cell(zh, sub=en), cell(r["label_zh"], sub=r["label_en"] if r["label_en"] != r["label_zh"] else ""),
                     cell(r["recent_count"], sort=r["recent_count"], num=True),
                     cell(r["prior_count"], sort=r["prior_count"], num=True),
                     cell(fmt_pct(r["growth_pct"]), sort=r["growth_pct"], num=True),
                     cell(r["first_filing_date"])])
    window = signals.row(0, named=True)
    page.sections.append(table_section(
        "signals", "预警：新进入者与快速增长", "Early warning: new entrants and rising activity", SIGNAL_COLUMNS, rows,
        note_zh=f"近12个月 = {window['window_start']} 至 {window['window_end']}（按申请日）。",
        note_en=f"Last 12 months = {window['window_start']} to {window['window_end']} (by filing date)."))


SECTION = Section("signals", build, queries=("signals",), sheets=("signals",))
