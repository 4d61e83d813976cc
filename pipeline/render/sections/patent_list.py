"""专利清单: the page's patents as an Excel sheet and CSV (number, title, applicants, dates, IPC, industry, 片区
and the rule that placed it, legal status, high-value criteria); the page itself only links the download."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section

NEEDS = frozenset({"mart.high_value_patent", "enrich.patent_zone"})
# A worksheet holds at most 1,048,576 rows; the overview of a national corpus would pass that. Beyond this the
# sheet keeps the first rows (in the query's order) and the page says where the full list is.
MAX_SHEET_ROWS = 500_000


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if not ctx.tables >= NEEDS:
        return
    patents = query(con, "patent_list", page.params)
    if not patents.height:
        return
    page.tables["专利清单 patent_list"] = patents.head(MAX_SHEET_ROWS)
    if patents.height > MAX_SHEET_ROWS:
        page.sections.append({
            "id": "patent-list-note", "kind": "cards", "title_zh": "专利清单", "title_en": "Patent list", "cards": [],
            "note_zh": (f"清单共 {patents.height:,} 件，导出表保留前 {MAX_SHEET_ROWS:,} 件；"
                        "完整清单请用 patentnav query 查询。"),
            "note_en": f"{patents.height:,} patents; the export keeps the first {MAX_SHEET_ROWS:,}; query the "
                       "warehouse (patentnav query) for the full list."})


SECTION = Section("patent_list", build, queries=("patent_list",), sheets=("专利清单 patent_list",))
