"""Technology life-cycle: applications against applicants, one point per year."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import chart_graphs

    if "trend" not in page.tables:  # no filings at all on this page
        return
    lifecycle = query(con, "lifecycle", page.params)
    if lifecycle.height >= 2:
        page.tables["lifecycle"] = lifecycle
        page.sections.append(chart_section(
            "lifecycle", "技术生命周期", "Technology life-cycle", chart_graphs.lifecycle_chart(lifecycle),
            "每点为一年，按年份连线：横轴申请量，纵轴申请人数；每个点标注年份（重合的年份合并标注）。",
            "One point per year, joined in order: applications (x) vs applicants (y); every point carries its "
            "year (coinciding years share one label)."))


SECTION = Section("lifecycle", build, queries=("lifecycle",), sheets=("lifecycle",))
