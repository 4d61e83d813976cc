"""Core patents of the page: their citation network and a sortable table."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import ZONE_FALLBACK, Page, SiteContext, query
from pipeline.render.graph_layout import edge_frame, spring_positions
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, chart_section, patent_office_url, table_section

MAX_NETWORK_NODES = 80  # rows of the core-patent table
NETWORK_CORE = 25  # core patents drawn in the network, each with up to NEIGHBOURS citing and cited patents
NEIGHBOURS = 4
ROLE_LABELS = {"core": "核心 Core", "citing": "施引 Citing", "cited": "被引 Cited"}
CORE_COLUMNS = [("number", "排名", "Rank"), ("text", "公开号", "Number"), ("text", "标题", "Title"),
                ("text", "申请人", "Applicant"), ("number", "申请年", "Year"), ("number", "被引", "Cited by"),
                ("number", "核心度", "Core score"), ("number", "社区", "Community")]


def network_frames(con: Any, core: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """Nodes and edges of the core patents' citation neighbourhood, positioned by a spring layout of that graph."""
    top = core.head(NETWORK_CORE)
    ids = top["patent_id"].to_list()
    links = query(con, "core_patents_edges", {"ids": ids, "per_node": NEIGHBOURS})
    if not links.height:
        return None
    core_ids = set(ids)
    nodes: dict[str, dict[str, Any]] = {
        r["patent_id"]: {"id": r["patent_id"], "title": r["title"] or "", "year": str(r["filing_year"] or ""),
                         "role": "core", "size": float(r["forward_citations"] or 0), "applicant": r["applicant"] or ""}
        for r in top.iter_rows(named=True)}
    for r in links.iter_rows(named=True):
        for other, role in ((r["citing_id"], "citing"), (r["cited_id"], "cited")):
            if other not in core_ids and other not in nodes:
                nodes[other] = {"id": other, "title": r["other_title"], "year": r["other_year"], "role": role,
                                "size": float(r["other_citations"] or 0), "applicant": ""}
    edges = [(r["citing_id"], r["cited_id"]) for r in links.iter_rows(named=True)]
    pos = spring_positions(list(nodes), edges)
    frame = pl.DataFrame([{**n, "x": pos[k][0], "y": pos[k][1], "role_label": ROLE_LABELS[n["role"]],
                           "link": patent_office_url(k) or ""} for k, n in nodes.items()])
    return frame, edge_frame(edges, pos)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import chart_views

    if not {"mart.core_patent", "mart.patent_citation_metrics"} <= ctx.tables:
        return
    zone = page.scope if page.scope in ZONE_FALLBACK else None
    core = query(con, "core_patents", {**page.params, "zone": zone, "limit": MAX_NETWORK_NODES})
    if not core.height:
        return
    page.tables["core_patents"] = core
    network = network_frames(con, core)
    if network is not None:
        applicants = sorted({a for a in network[0]["applicant"].to_list() if a})
        page.sections.append(chart_section(
            "citations", "核心专利引证网络", "Citation network of core patents",
            chart_views.citation_network_chart(*network),
            f"前 {NETWORK_CORE} 件核心专利（红）及其直接施引（蓝）与被引（灰）专利和引证关系，按网络结构布局；"
            "点大小为被引次数，悬停查看标题，点击打开专利局页面；查找申请人可突出其核心专利。",
            f"The top {NETWORK_CORE} core patents (red) with their direct citing (blue) and cited (grey) neighbours "
            "and the citations between them, laid out from the graph; size = forward citations; hover for the "
            "title, click to open the patent office page.", search=applicants))
    rows = []
    for r in core.iter_rows(named=True):
        rows.append([
            cell(r["core_rank"], sort=r["core_rank"], num=True),
            cell(r["patent_id"], href=patent_office_url(r["patent_id"])),
            cell(r["title"]), cell(r["applicant"]), cell(r["filing_year"], sort=r["filing_year"], num=True),
            cell(r["forward_citations"], sort=r["forward_citations"], num=True),
            cell(r["core_score"], sort=r["core_score"], num=True),
            cell(r["community_id"], sort=r["community_id"], num=True)])
    page.sections.append(table_section("core-table", "核心专利", "Core patents", CORE_COLUMNS, rows,
                                       note_zh="点击表头排序。", note_en="Click a header to sort."))


SECTION = Section("core_patents", build, queries=("core_patents", "core_patents_edges"), sheets=("core_patents",))
