"""专利清单: the page's patents as an Excel sheet and CSV (number, title, applicants, dates, IPC, industry, 片区
and the rule that placed it, legal status, high-value criteria); the page itself only links the download."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section

NEEDS = frozenset({"mart.high_value_patent", "enrich.patent_zone"})


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if not ctx.tables >= NEEDS or page.scope == "ALL":
        return
    patents = query(con, "patent_list", page.params)
    if patents.height:
        page.tables["专利清单 patent_list"] = patents


SECTION = Section("patent_list", build, queries=("patent_list",), sheets=("专利清单 patent_list",))
