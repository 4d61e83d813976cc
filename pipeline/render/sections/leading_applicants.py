"""Leading applicants of a 片区 with links to their dossier pages (企业分析评议)."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, page_rows
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, slug_for, table_section


def dossier_slug(entity_id: str) -> str:
    return slug_for("dossier", entity_id)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if page.scope not in ctx.zones or page.industry != "ALL":
        return
    leaders = page_rows(con, ctx, page, "leading_applicants", needs="mart.leading_applicant",
                        sheet="leading_applicants")
    if leaders is None:
        return
    rows = [[cell(r["applicant_rank"], num=True),
             cell(r["display_name"], href=f"{dossier_slug(r['entity_id'])}.html"),
             cell(r["patent_count"], num=True)] for r in leaders.iter_rows(named=True)]
    page.sections.append(table_section(
        "leading_applicants", "重点企业分析评议", "Applicant dossiers of the leading applicants",
        [("number", "排名", "Rank"), ("text", "申请人（点击查看分析评议）", "Applicant (open the dossier)"),
         ("number", "片区专利", "Patents in the 片区")], rows, sortable=False))


SECTION = Section("leading_applicants", build, queries=("leading_applicants",), sheets=("leading_applicants",))
