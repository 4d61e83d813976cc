"""Application trend by type and year."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    trend = query(con, "trend", page.params)
    if not trend.height:
        return
    page.tables["trend"] = trend
    page.sections.append(chart_section(
        "trend", "申请趋势（按类型）", "Application trend by type", charts.trend_chart(trend),
        "按申请年统计（图中为最近25年，全部年份见导出）；2017-04-01 之前的申请早于自贸区设立（归属依据申请人所在地）。",
        "By filing year (last 25 years drawn; all years in the export); filings before 2017-04-01 predate the FTZ "
        "(attribution follows the applicant's location)."))


SECTION = Section("trend", build, queries=("trend",), sheets=("trend",))
