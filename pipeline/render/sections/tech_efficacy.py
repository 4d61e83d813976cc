"""技术功效矩阵: technology branches × efficacies of the page's patents as a heat-table, candidate 空白点 marked,
each cell linked to its patents listed below; on the overview, agreement with incoPat's 技术功效 annotation."""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, patent_office_url, table_section

MAX_LISTED = 300  # patent rows listed under a matrix (the export keeps every cell's full list)
AGREEMENT_COLUMNS = [("text", "功效", "Efficacy"), ("number", "对比专利", "Patents compared"),
                     ("number", "本系统识别", "Found by us"), ("number", "incoPat 标注", "incoPat annotation"),
                     ("number", "两者一致", "Both"), ("number", "召回率 %", "Recall %"),
                     ("number", "精确率 %", "Precision %")]


def heat_level(count: int, largest: int) -> int:
    """0 for an empty cell, else 1..5 in proportion to the matrix's largest cell."""
    return 0 if count <= 0 or largest <= 0 else max(1, math.ceil(5 * count / largest))


def anchor_for(rank: int, code: str) -> str:
    return f"te-{rank}-{code.lower()}"


def matrix_rows(cells: pl.DataFrame, columns: list[str]) -> list[list[dict[str, Any]]]:
    largest = int(cells.select(pl.col("patent_count").max()).item() or 0)
    rows = []
    for (rank,), branch in cells.group_by(["branch_rank"], maintain_order=True):
        by_code = {r["efficacy_code"]: r for r in branch.iter_rows(named=True)}
        first = branch.row(0, named=True)
        label_sub = first["branch_code"] if first["branch_scheme"] == "ipc_group" else first["branch_en"]
        row = [cell(first["branch_zh"] if first["branch_scheme"] == "topic" else first["branch_code"],
                    sub=f"{label_sub} · {first['branch_patents']} 件" if first["branch_scheme"] == "topic"
                    else f"{first['branch_patents']} 件 patents")]
        for code in columns:
            r = by_code[code]
            count = int(r["patent_count"])
            if count:
                row.append(cell(count, sort=count, num=True, href=f"#{anchor_for(int(str(rank)), code)}",
                                extra_cls=f"heat-{heat_level(count, largest)}"))
            elif r["is_blank_candidate"]:
                row.append(cell("空白", sort=0, num=True, extra_cls="blank"))
            else:
                row.append(cell("·", sort=0, num=True, extra_cls="heat-0"))
        rows.append(row)
    return rows


def listed_patent_ids(cells: pl.DataFrame) -> list[str]:
    """The patents listed_rows will show (at most MAX_LISTED), so only their titles are fetched: at corpus scale a
    cell lists hundreds of thousands of patents."""
    listed: list[str] = []
    for patent_ids in cells.filter(pl.col("patent_count") > 0)["patent_ids"].to_list():
        for patent_id in patent_ids.split("|"):
            if len(listed) >= MAX_LISTED:
                return listed
            listed.append(patent_id)
    return listed


def listed_rows(cells: pl.DataFrame, titles: dict[str, str]) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for r in cells.filter(pl.col("patent_count") > 0).iter_rows(named=True):
        for n, patent_id in enumerate(r["patent_ids"].split("|")):
            if len(rows) >= MAX_LISTED:
                return rows
            branch = r["branch_zh"] if r["branch_scheme"] == "topic" else r["branch_code"]
            group = anchor_for(r["branch_rank"], r["efficacy_code"])
            rows.append([cell(branch if n == 0 else "", anchor=group if n == 0 else "", group=group),
                         cell(r["efficacy_zh"] if n == 0 else "", sub=r["efficacy_en"] if n == 0 else ""),
                         cell(patent_id, href=patent_office_url(patent_id)),
                         cell(titles.get(patent_id, ""))])
    return rows


def build_matrix(con: Any, ctx: SiteContext, page: Page) -> None:
    cells = query(con, "tech_efficacy", page.params)
    if not cells.height or not int(cells["patent_count"].sum() or 0):
        return
    page.tables["tech_efficacy"] = cells
    totals = cells.group_by("efficacy_code", maintain_order=True).agg(
        pl.col("patent_count").sum(), pl.col("efficacy_zh").first(), pl.col("efficacy_en").first())
    totals = totals.sort(["patent_count", "efficacy_code"], descending=[True, False])
    columns = totals["efficacy_code"].to_list()
    scheme = cells["branch_scheme"][0]
    header = [("text", "技术分支（主题）" if scheme == "topic" else "技术分支（IPC 大组）",
               "Technology branch (topic)" if scheme == "topic" else "Technology branch (IPC main group)")]
    header += [("number", r["efficacy_zh"], f"{r['efficacy_en']} ({r['patent_count']})")
               for r in totals.iter_rows(named=True)]
    blanks = int(cells["is_blank_candidate"].sum())
    busy_min = int(cells["busy_min"][0])
    page.sections.append(table_section(
        "tech_efficacy", "技术功效矩阵", "Tech–efficacy matrix", header, matrix_rows(cells, columns),
        sortable=False,
        note_zh=f"格内数字为专利件数（点击查看专利）；颜色越深件数越多。“空白”= 该格为 0 "
                f"而同行或同列有 ≥ {busy_min} 件的格，共 {blanks} 个候选空白点，需结合技术判断。"
                "功效由摘要和首项权利要求中的“提高/降低/减少/改善…+ 对象”抽取，"
                "按 data/reference/efficacy_vocabulary.csv 归类。",
        note_en=f"Cells count patents (click for the list); darker = more. 空白 (gap) = an empty cell whose row or "
                f"column has a cell with ≥ {busy_min} patents: {blanks} candidate white spots, to be judged by an "
                "expert. Efficacies are extracted from abstracts and first claims (improve/reduce/… + object) and "
                "grouped by data/reference/efficacy_vocabulary.csv."))
    titles = dict(query(con, "tech_efficacy_patents", {"patent_ids": listed_patent_ids(cells)}).iter_rows())
    page.sections.append(table_section(
        "tech_efficacy_patents", "技术功效矩阵：各格专利", "Tech–efficacy matrix: patents per cell",
        [("text", "技术分支", "Branch"), ("text", "功效", "Efficacy"), ("text", "专利号", "Patent"),
         ("text", "标题", "Title")], listed_rows(cells, titles), sortable=False, paged=True, table_cls="cell-list",
        note_zh=f"点击矩阵中的数字，只看该格的专利。最多列出 {MAX_LISTED} 条；完整清单见导出的 tech_efficacy 表"
                "（patent_ids 列）。",
        note_en=f"Click a number in the matrix to see that cell's patents. Up to {MAX_LISTED} rows; the tech_efficacy "
                "export lists every cell's patents (patent_ids)."))


def build_agreement(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.efficacy_agreement" not in ctx.tables:
        return
    rows = query(con, "tech_efficacy_agreement")
    if not rows.height or not int(rows.select(pl.col("patents_compared").max()).item() or 0):
        return
    page.tables["efficacy_agreement"] = rows

    def pct(value: float | None) -> dict[str, Any]:
        return cell(f"{value:.0f}" if value is not None else "—", sort=value, num=True)

    table = [[cell(r["efficacy_zh"], sub=r["efficacy_en"]),
              *(cell(r[c], sort=r[c], num=True) for c in ("patents_compared", "ours_count", "vendor_count",
                                                             "both_count")),
              pct(r["recall_pct"]), pct(r["precision_pct"])] for r in rows.iter_rows(named=True)]
    page.sections.append(table_section(
        "tech_efficacy_agreement", "功效抽取与 incoPat 技术功效标注的一致性",
        "Efficacy extraction against incoPat's 技术功效 annotation", AGREEMENT_COLUMNS, table, sortable=False,
        note_zh="仅比较带 incoPat 技术功效标注的专利；incoPat 的短语按同一功效词表归类。召回率 = 一致 / incoPat 标注，"
                "精确率 = 一致 / 本系统识别。",
        note_en="Only patents carrying incoPat's annotation; its phrases are grouped by the same vocabulary. "
                "Recall = both / incoPat, precision = both / ours."))


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.tech_efficacy_cell" not in ctx.tables:
        return
    if page.scope == "ALL":
        build_agreement(con, ctx, page)
    else:
        build_matrix(con, ctx, page)


SECTION = Section("tech_efficacy", build,
                  queries=("tech_efficacy", "tech_efficacy_patents", "tech_efficacy_agreement"),
                  sheets=("tech_efficacy", "efficacy_agreement"))
