"""Core patents of the page: their citation network and a sortable table."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import ZONE_FALLBACK, Page, SiteContext, query
from pipeline.render.graph_layout import edge_frame, spring_positions
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, chart_section, patent_office_url, table_section

MAX_NETWORK_NODES = 80
CORE_COLUMNS = [("number", "排名", "Rank"), ("text", "公开号", "Number"), ("text", "标题", "Title"),
                ("text", "申请人", "Applicant"), ("number", "申请年", "Year"), ("number", "被引", "Cited by"),
                ("number", "核心度", "Core score"), ("number", "社区", "Community")]


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if not {"mart.core_patent", "mart.patent_citation_metrics"} <= ctx.tables:
        return
    zone = page.scope if page.scope in ZONE_FALLBACK else None
    core = query(con, "core_patents", {**page.params, "zone": zone, "limit": MAX_NETWORK_NODES})
    if not core.height:
        return
    page.tables["core_patents"] = core
    ids = core["patent_id"].to_list()
    edges = [(a, b) for a, b in query(con, "core_patents_edges", {"ids": ids}).iter_rows()]
    if edges:
        pos = spring_positions(ids, edges)
        nodes = core.select(
            pl.col("patent_id").alias("id"), pl.col("title").fill_null("").alias("label"),
            pl.col("community_id").cast(pl.Utf8).fill_null("—").alias("group"),
            pl.col("forward_citations").fill_null(0).cast(pl.Float64).alias("size"),
        ).with_columns(
            pl.col("id").map_elements(lambda i: pos[i][0], return_dtype=pl.Float64).alias("x"),
            pl.col("id").map_elements(lambda i: pos[i][1], return_dtype=pl.Float64).alias("y"))
        page.sections.append(chart_section(
            "citations", "核心专利引证网络", "Citation network of core patents",
            charts.network_chart(nodes, edge_frame(edges, pos), "社区 Community"),
            "颜色为引证社区，点大小为被引次数。", "Colour = citation community; size = forward citations."))
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
