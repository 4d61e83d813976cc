"""Co-application network of the page's applicants: the most collaborative carry their short names."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.graph_layout import edge_frame, spring_positions
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section

MAX_LINKS = 120


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import chart_graphs

    if "mart.collaboration_edge" not in ctx.tables:
        return
    collab = query(con, "collaboration", {**page.params, "limit": MAX_LINKS})
    if not collab.height:
        return
    page.tables["collaboration"] = collab
    labels: dict[str, str] = {}
    weight: dict[str, float] = {}
    partners: dict[str, int] = {}
    edges = []
    strength = []
    for r in collab.iter_rows(named=True):
        labels[r["entity_a"]], labels[r["entity_b"]] = r["label_a"] or r["entity_a"], r["label_b"] or r["entity_b"]
        for entity in (r["entity_a"], r["entity_b"]):
            weight[entity] = weight.get(entity, 0) + float(r["patent_count"] or 0)
            partners[entity] = partners.get(entity, 0) + 1
        edges.append((r["entity_a"], r["entity_b"]))
        strength.append(float(r["patent_count"] or 0))
    pos = spring_positions(list(labels), edges)
    nodes = pl.DataFrame([{"id": e, "label": labels[e], "x": pos[e][0], "y": pos[e][1], "size": weight[e],
                           "partners": partners[e]} for e in labels])
    edge_rows = edge_frame(edges, pos).with_columns(pl.Series("weight", strength, dtype=pl.Float64))
    page.sections.append(chart_section(
        "collaboration", "合作网络", "Collaboration network",
        chart_graphs.collaboration_chart(nodes, edge_rows),
        "联合申请关系：点大小为合作专利数，线越粗合作越多；合作最多的申请人标注简称，悬停看全称和合作伙伴数。",
        "Co-applications: node size = co-applied patents, thicker line = more shared patents; the most "
        "collaborative applicants carry their short name, hover for the full name and partner count.",
        search=[labels[e] for e in sorted(labels, key=lambda e: (-weight[e], labels[e]))]))


SECTION = Section("collaboration", build, queries=("collaboration",), sheets=("collaboration",))
