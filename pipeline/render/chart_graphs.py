"""Charts whose text is placed here so that it stays readable: the co-application network labels its most
collaborative applicants by short name (beside the node, never on another label or node; a size legend), and the
technology life-cycle labels every year (coinciding years share one label). Placement uses chart_views' pixel
scale and greedy label placement; the network is searchable by applicant (chart_views.add_search)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import polars as pl

from pipeline.render.chart_views import (
    NODE_AREA,
    Box,
    PixelScale,
    _intersects,
    add_search,
    free_boxes,
    node_boxes,
    node_radius,
    place_labels,
    placed_label_frame,
    side_boxes,
    text_width,
)
from pipeline.render.charts import WIDTH, _finish

# --- Short applicant names for network labels --------------------------------------------------------------------

CN_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司")
CN_REGION_PREFIXES = ("重庆市", "重庆", "中国")
EN_LEGAL_SUFFIXES = re.compile(
    r"[,.]?\s*\b(co\.?,?\s*ltd\.?|company|corporation|corp\.?|inc\.?|incorporated|l\.?l\.?c\.?|ltd\.?|limited|"
    r"gmbh(\s*&\s*co\.?\s*kg)?|ag|s\.?a\.?|plc|k\.?k\.?|kabushiki kaisha)\s*$", re.IGNORECASE)
SHORT_CJK = 10
SHORT_LATIN = 20


def short_name(name: str) -> str:
    """A label-sized applicant name: 重庆长安汽车股份有限公司 -> 长安汽车, Unisys Corporation -> Unisys; universities
    and institutes keep their region (重庆邮电大学). At most SHORT_CJK wide or SHORT_LATIN narrow characters."""
    text = " ".join(str(name or "").split())
    if any(unicodedata.east_asian_width(ch) in "WF" for ch in text):
        company = False
        for suffix in CN_LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text, company = text[: -len(suffix)], True
        if company:
            for prefix in CN_REGION_PREFIXES:
                if text.startswith(prefix) and len(text) > len(prefix) + 1:
                    text = text[len(prefix):]
                    break
            for suffix in CN_LEGAL_SUFFIXES:
                if text.endswith(suffix) and len(text) > len(suffix) + 1:
                    text = text[: -len(suffix)]
        return text if len(text) <= SHORT_CJK else text[: SHORT_CJK - 1] + "…"
    for _ in range(2):
        text = EN_LEGAL_SUFFIXES.sub("", text).strip(" ,.")
    return text if len(text) <= SHORT_LATIN else text[: SHORT_LATIN - 1].rstrip() + "…"


def collaboration_chart(nodes: pl.DataFrame, edges: pl.DataFrame, max_labels: int = 18) -> dict[str, Any]:
    """Co-application network: nodes (id, label = full name, x, y, size = co-applied patents), edges (x, y, x2,
    y2, weight). The most collaborative applicants carry their short name, placed beside the node so that no two
    labels touch; the size legend says what a node's size is. Searchable by applicant name."""
    import altair as alt

    height = 480
    scale = PixelScale(nodes["x"].to_list(), nodes["y"].to_list(), WIDTH, height, pad=0.1)
    x, y = scale.axes(alt)
    low, high = float(nodes["size"].min() or 0), float(nodes["size"].max() or 0)  # type: ignore[arg-type]
    size_scale = alt.Scale(domain=[low, max(high, low + 1)], range=list(NODE_AREA))
    layers = []
    if edges.height:
        layers.append(alt.Chart(edges).mark_rule(color="#8a8a8a", opacity=0.5).encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q",
            strokeWidth=alt.StrokeWidth("weight:Q", legend=None, scale=alt.Scale(range=[0.6, 3.5]))
        ).properties(name="edges"))
    layers.append(alt.Chart(nodes).mark_circle(color="#4c78a8").encode(
        x=x, y=y, size=alt.Size("size:Q", scale=size_scale, legend=alt.Legend(
            title="合作专利数 Co-applied patents", orient="right", symbolFillColor="#4c78a8")),
        tooltip=[alt.Tooltip("label:N", title="申请人 Applicant"),
                 alt.Tooltip("size:Q", title="合作专利 Co-applied patents"),
                 alt.Tooltip("partners:Q", title="合作伙伴 Partners")]).properties(name="nodes"))
    ordered = nodes.sort(["size", "label"], descending=[True, False])
    obstacles = node_boxes(nodes, scale, low, max(high, low + 1))
    rows, candidates = [], []
    for row in ordered.iter_rows(named=True):
        cx, cy = scale.px(row["x"], row["y"])
        text = short_name(row["label"])
        rows.append({"x": row["x"], "y": row["y"], "text": text})
        boxes = side_boxes(cx, cy, node_radius(row["size"], low, high), text_width(text, 11), 13.0,
                           gaps=(3.0, 10.0, 20.0))
        candidates.append(free_boxes(boxes, obstacles, WIDTH, height))
    picks = place_labels(candidates, max_labels)
    labels = placed_label_frame(rows, candidates, picks, scale)
    if labels.height:
        layers.append(alt.Chart(labels).mark_text(fontSize=11, color="#1b1b1b", baseline="middle",
                                                  align="center").encode(x=x, y=y, text="text:N")
                      .properties(name="nodelabels"))
    spec = _finish(alt.layer(*layers).properties(width=WIDTH, height=height))
    return add_search(spec, ("nodes",), "label")


def compress_years(years: Sequence[int]) -> str:
    """2001, 2002, 2003, 2005 -> '2001–2003, 2005'."""
    ordered = sorted(set(years))
    parts: list[str] = []
    start = prev = ordered[0]
    for year in [*ordered[1:], None]:
        if year is not None and year == prev + 1:
            prev = year
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if year is not None:
            start = prev = year
    return ", ".join(parts)


def lifecycle_chart(data: pl.DataFrame) -> dict[str, Any]:
    """Technology life-cycle: applicants (y) against applications (x), one point per filing year joined in order.
    Every year is labelled: years whose points coincide share one label ('2003–2006'), and each label takes the
    first place beside its point that touches no other label or point."""
    import altair as alt

    height = 340
    frame = data.select(pl.col("filing_year").cast(pl.Int64).alias("year"),
                        pl.col("applications").cast(pl.Float64).alias("x"),
                        pl.col("applicants").cast(pl.Float64).alias("y"))
    scale = PixelScale([0.0, *frame["x"].to_list()], [0.0, *frame["y"].to_list()], WIDTH, height, pad=0.08)
    scale.x_domain, scale.y_domain = (0.0, scale.x_domain[1]), (0.0, scale.y_domain[1])  # counts start at zero
    axis_x = alt.X("x:Q", title="申请量 Applications", scale=alt.Scale(domain=list(scale.x_domain), nice=False))
    axis_y = alt.Y("y:Q", title="申请人数 Applicants", scale=alt.Scale(domain=list(scale.y_domain), nice=False))
    groups: list[dict[str, Any]] = []
    for row in frame.iter_rows(named=True):
        px, py = scale.px(row["x"], row["y"])
        for group in groups:
            if abs(group["px"] - px) < 4 and abs(group["py"] - py) < 4:
                group["years"].append(row["year"])
                break
        else:
            groups.append({"px": px, "py": py, "x": row["x"], "y": row["y"], "years": [row["year"]]})
    points: list[Box] = [(g["px"] - 4, g["py"] - 4, g["px"] + 4, g["py"] + 4) for g in groups]
    rows, candidates = [], []
    for group in sorted(groups, key=lambda g: -max(g["years"])):  # latest years first: they matter most
        text = compress_years(group["years"])
        boxes = []
        for gap in (4.0, 12.0, 24.0, 40.0):
            boxes += side_boxes(group["px"], group["py"], gap, text_width(text, 10), 12.0)
        own = (group["px"] - 4, group["py"] - 4, group["px"] + 4, group["py"] + 4)
        boxes = [b for b in boxes if b[0] >= 0 and b[2] <= WIDTH and b[1] >= 0 and b[3] <= height
                 and not any(_intersects(b, p) for p in points if p != own)]
        rows.append({"x": group["x"], "y": group["y"], "text": text})
        candidates.append(boxes)
    labels = placed_label_frame(rows, candidates, place_labels(candidates), scale)
    tooltip = [alt.Tooltip("year:O", title="年 Year"), alt.Tooltip("x:Q", title="申请量 Applications"),
               alt.Tooltip("y:Q", title="申请人数 Applicants")]
    line = alt.Chart(frame).mark_line(point=True, color="#1f77b4").encode(
        x=axis_x, y=axis_y, order="year:Q", tooltip=tooltip).properties(name="trajectory")
    layers = [line]
    if labels.height:
        layers.append(alt.Chart(labels).mark_text(fontSize=10, color="#333", baseline="middle", align="center")
                      .encode(x=axis_x, y=axis_y, text="text:N").properties(name="yearlabels"))
    return _finish(alt.layer(*layers).properties(width=WIDTH, height=height))
