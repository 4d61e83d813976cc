"""Top applicants of the page's scope and industry."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section

TOP_APPLICANTS = 15


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    applicants = query(con, "applicants", {**page.params, "limit": TOP_APPLICANTS})
    if applicants.height:
        page.tables["top_applicants"] = applicants
        page.sections.append(chart_section(
            "applicants", "主要申请人", "Top applicants",
            charts.bar_ranking_chart(applicants, "申请人 Applicant", "申请量 Applications")))


SECTION = Section("applicants", build, queries=("applicants",), sheets=("top_applicants",))
