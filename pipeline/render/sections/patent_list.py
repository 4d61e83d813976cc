"""专利清单: the page's patents as an Excel sheet and CSV (number, title, applicants, dates, IPC, industry, 片区
and the rule that placed it, legal status, high-value criteria), and on the page the latest MAX_PAGE_ROWS of them
as a table filtered by applicant, year, type and legal status (site.js)."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, prepare_once, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, patent_office_url, table_section

NEEDS = frozenset({"mart.high_value_patent", "enrich.patent_zone"})
# A worksheet holds at most 1,048,576 rows; the overview of a national corpus would pass that. Beyond this the
# sheet keeps the first rows (in the query's order) and the page says where the full list is.
MAX_SHEET_ROWS = 500_000
MAX_PAGE_ROWS = 1_000  # rows in the page's own table (newest first); the workbook has them all
TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计", "grant": "授权",
           "application": "申请"}
STATUS_ZH = {"in_force": "有效", "lapsed": "失效", "pending": "审中", "unknown": "未知"}
COLUMNS = [("text", "公开号", "Number"), ("text", "标题", "Title"), ("text", "申请人", "Applicants"),
           ("number", "申请年", "Year"), ("text", "类型", "Type"), ("text", "法律状态", "Legal status"),
           ("text", "高价值", "High value")]
FILTERS = [(2, "text", "申请人", "Applicant"), (3, "select", "申请年", "Year"), (4, "select", "类型", "Type"),
           (5, "select", "法律状态", "Legal status")]


def page_rows(patents: Any) -> list[list[dict[str, Any]]]:
    rows = []
    for r in patents.head(MAX_PAGE_ROWS).iter_rows(named=True):
        year = r["application_date"].year if r.get("application_date") else None
        kind = r.get("patent_type") or ""
        status = r.get("legal_status") or ""
        rows.append([
            cell(r["patent_id"], href=patent_office_url(r["patent_id"]),
                 sub="合成 synthetic" if r.get("is_synthetic") else ""),
            cell(r.get("title") or ""), cell(r.get("applicants") or ""), cell(year, sort=year, num=True),
            cell(TYPE_ZH.get(kind, kind)), cell(STATUS_ZH.get(status, status)),
            cell("★" if r.get("is_high_value") else "", title=r.get("reasons_zh") or "")])
    return rows


def scope_patents(con: Any, cache: dict[str, Any], params: dict[str, Any]) -> Any:
    """The list of one scope × industry (sql/site/patent_list.sql) over the per-patent rows of the render."""
    prepare_once(con, cache, "patent_list_rows")
    return query(con, "patent_list", params)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if not ctx.tables >= NEEDS:
        return
    patents = scope_patents(con, ctx.cache, page.params)
    if not patents.height:
        return
    page.tables["专利清单 patent_list"] = patents.head(MAX_SHEET_ROWS)
    shown = min(patents.height, MAX_PAGE_ROWS)
    cut = shown < patents.height
    page.sections.append(table_section(
        "patent-list", "专利清单", "Patent list", COLUMNS, page_rows(patents), filters=FILTERS,
        note_zh=f"共 {patents.height:,} 件" + (f"，此处列出最新的 {shown:,} 件" if cut else "")
        + "；按申请人、申请年、类型、法律状态筛选。完整清单（含申请号、IPC、片区归属依据）见 Excel 的“专利清单”表。",
        note_en=f"{patents.height:,} patents" + (f", the latest {shown:,} listed here" if cut else "")
        + "; filter by applicant, year, type, legal status. The full list (application numbers, IPC, zone "
          "evidence) is the workbook's 专利清单 sheet."))
    if patents.height > MAX_SHEET_ROWS:
        page.sections.append({
            "id": "patent-list-note", "kind": "cards", "title_zh": "专利清单", "title_en": "Patent list", "cards": [],
            "note_zh": (f"清单共 {patents.height:,} 件，导出表保留前 {MAX_SHEET_ROWS:,} 件；"
                        "完整清单请用 patentnav query 查询。"),
            "note_en": f"{patents.height:,} patents; the export keeps the first {MAX_SHEET_ROWS:,}; query the "
                       "warehouse (patentnav query) for the full list."})


SECTION = Section("patent_list", build, queries=("patent_list_rows", "patent_list"), sheets=("专利清单 patent_list",))
