"""IPC composition by subclass."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section

TOP_SUBCLASSES = 12


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    ipc = query(con, "ipc", {**page.params, "limit": TOP_SUBCLASSES})
    if ipc.height:
        page.tables["ipc"] = ipc
        page.sections.append(chart_section(
            "ipc", "IPC 构成（小类）", "IPC composition (subclass)",
            charts.bar_ranking_chart(ipc, "IPC 小类 Subclass", "专利数 Patents")))


SECTION = Section("ipc", build, queries=("ipc",), sheets=("ipc",))
