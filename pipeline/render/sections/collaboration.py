"""Co-application network of the page's applicants."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.graph_layout import edge_frame, spring_positions
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section

MAX_LINKS = 120


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if "mart.collaboration_edge" not in ctx.tables:
        return
    collab = query(con, "collaboration", {**page.params, "limit": MAX_LINKS})
    if not collab.height:
        return
    page.tables["collaboration"] = collab
    labels: dict[str, str] = {}
    weight: dict[str, float] = {}
    edges = []
    for r in collab.iter_rows(named=True):
        labels[r["entity_a"]], labels[r["entity_b"]] = r["label_a"], r["label_b"]
        for entity in (r["entity_a"], r["entity_b"]):
            weight[entity] = weight.get(entity, 0) + float(r["patent_count"] or 0)
        edges.append((r["entity_a"], r["entity_b"]))
    pos = spring_positions(list(labels), edges)
    nodes = pl.DataFrame([{"id": e, "label": labels[e], "x": pos[e][0], "y": pos[e][1], "group": "申请人 Applicant",
                           "size": weight[e]} for e in labels])
    page.sections.append(chart_section(
        "collaboration", "合作网络", "Collaboration network",
        charts.network_chart(nodes, edge_frame(edges, pos), "类型 Type"),
        "联合申请关系；点大小为合作专利数。", "Co-applications; node size = collaborative patents."))


SECTION = Section("collaboration", build, queries=("collaboration",), sheets=("collaboration",))
