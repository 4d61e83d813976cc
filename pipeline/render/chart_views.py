"""The analyst's views: topic landscape (filled density terrain, peak labels that never overlap, one text layer
per language), the core-patent citation network and the main path left to right by year.

Vega-Lite has no reliable collision avoidance for text, so labels are placed here, before the spec is built:
largest first, each label's box estimated from its text in the chart's pixel scale, and a label whose box would
touch one already placed is left to the tooltip. Chart text that depends on the language is drawn twice, in
layers named `…_zh` and `…_en`; site.css shows the one matching the page language (Vega's SVG renderer puts the
layer name plus "_marks" on the mark group as a class). Everything else drawn inside a chart is language-neutral (patent
numbers, years), and tooltips stay bilingual plain text.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

import polars as pl

from pipeline.render.charts import WIDTH, _finish

LANDSCAPE_HEIGHT = 460
LABEL_FONT = 12
MAX_PEAK_LABELS = 14
LABEL_GAP = 3.0  # pixels kept free around every label box
TERRAIN = ["#eef6e4", "#c7e6b0", "#8fcb84", "#55a862", "#2e7d46", "#135232"]
CONTEXT_GREY = "#b9b9b9"
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels
ROLE_NAMES = ("核心 Core", "施引 Citing", "被引 Cited")  # core_patents.ROLE_LABELS' values, in colour order


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """Estimated rendered width: wide (CJK) characters one em, others about 0.62 em (0.66 bold)."""
    narrow = 0.66 if bold else 0.62
    return sum(font_size if unicodedata.east_asian_width(ch) in "WF" else font_size * narrow for ch in text)


def _intersects(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(candidates: Sequence[Sequence[Box]], limit: int | None = None) -> list[int | None]:
    """Greedy placement in the given order (largest first): for each item the first of its candidate boxes that
    touches no placed box, or None (the label goes to the tooltip). At most `limit` labels are placed."""
    placed: list[Box] = []
    chosen: list[int | None] = []
    for boxes in candidates:
        pick = None
        if limit is None or len(placed) < limit:
            for index, box in enumerate(boxes):
                padded = (box[0] - LABEL_GAP, box[1] - LABEL_GAP, box[2] + LABEL_GAP, box[3] + LABEL_GAP)
                if not any(_intersects(padded, other) for other in placed):
                    pick = index
                    placed.append(box)
                    break
        chosen.append(pick)
    return chosen


def _domain(values: Sequence[float], pad: float = 0.05) -> tuple[float, float]:
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    span = (high - low) or 1.0
    return low - span * pad, high + span * pad


class PixelScale:
    """Linear data → pixel mapping that matches the spec's explicit x/y scale domains (y grows upward)."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float], width: float, height: float, pad: float = 0.05):
        self.x_domain, self.y_domain = _domain(xs, pad), _domain(ys, pad)
        self.width, self.height = width, height

    def px(self, x: float, y: float) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.x_domain, self.y_domain
        return (x - x0) / (x1 - x0) * self.width, self.height - (y - y0) / (y1 - y0) * self.height

    def shifted(self, x: float, y: float, dx: float, dy: float) -> tuple[float, float]:
        """The data point drawn dx pixels right and dy pixels down of (x, y): Vega-Lite's x/yOffset channels only
        move marks on band scales, so label offsets are folded into the data."""
        (x0, x1), (y0, y1) = self.x_domain, self.y_domain
        return x + dx * (x1 - x0) / self.width, y - dy * (y1 - y0) / self.height

    def axes(self, alt: Any, x_axis: Any = None) -> tuple[Any, Any]:
        return (alt.X("x:Q", axis=x_axis, scale=alt.Scale(domain=list(self.x_domain), nice=False, zero=False)),
                alt.Y("y:Q", axis=None, scale=alt.Scale(domain=list(self.y_domain), nice=False, zero=False)))


def robust_range(values: pl.Series, share: float = 0.01) -> list[float]:
    """The 1st and 99th percentiles of the values (all of them when there are few)."""
    values = values.drop_nulls()
    if values.len() < 200:
        return [float(v) for v in (values.min(), values.max()) if v is not None]  # type: ignore[arg-type]
    return [float(values.quantile(share) or 0.0), float(values.quantile(1 - share) or 0.0)]


def centred_box(cx: float, cy: float, text: str, font_size: float, bold: bool = False) -> Box:
    half_w, half_h = text_width(text, font_size, bold) / 2, font_size * 0.65
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def peak_labels(peaks: pl.DataFrame, scale: PixelScale, language: str) -> pl.DataFrame:
    """The peaks whose `label_<language>` fits without touching another, largest peaks first."""
    column = f"label_{language}"
    ordered = peaks.sort("size", descending=True, maintain_order=True) if "size" in peaks.columns else peaks
    candidates = []
    for row in ordered.iter_rows(named=True):
        cx, cy = scale.px(row["x"], row["y"])
        text = str(row[column] or "")
        box = centred_box(cx, cy, text, LABEL_FONT, bold=True)
        # Keep labels inside the plot: shift a box that crosses the left or right edge.
        shift = max(0.0, -box[0]) - max(0.0, box[2] - scale.width)
        candidates.append([(box[0] + shift, box[1], box[2] + shift, box[3])] if text else [])
    picks = place_labels(candidates, MAX_PEAK_LABELS)
    rows = []
    for r, c, pick in zip(ordered.iter_rows(named=True), candidates, picks, strict=True):
        if pick is not None:
            x, y = scale.shifted(r["x"], r["y"], (c[0][0] + c[0][2]) / 2 - scale.px(r["x"], r["y"])[0], 0.0)
            rows.append({"x": x, "y": y, "text": str(r[column])})
    return pl.DataFrame(rows, schema={"x": pl.Float64, "y": pl.Float64, "text": pl.Utf8})


def landscape_chart(contours: pl.DataFrame, peaks: pl.DataFrame, points: pl.DataFrame,
                    highlight: bool) -> dict[str, Any]:
    """Filled density terrain (contours: polygon_id, order, x, y, density), the industry's points (in_scope
    False drawn grey when `highlight`, the page's own coloured by topic, click-through `link`), and peak labels
    in two language layers; every peak also keeps its labels on hover."""
    import altair as alt

    # Frame the bulk of the map: a few far outliers must not squeeze the terrain into a corner (marks clip).
    xs = [*robust_range(points["x"]), *peaks["x"].to_list()]
    ys = [*robust_range(points["y"]), *peaks["y"].to_list()]
    scale = PixelScale(xs, ys, WIDTH, LANDSCAPE_HEIGHT)
    x, y = scale.axes(alt)
    layers = []
    if contours.height:
        layers.append(alt.Chart(contours).mark_line(filled=True, clip=True, strokeWidth=0.6, stroke="#ffffff",
                                                    strokeOpacity=0.6, fillOpacity=0.9).encode(
            x=x, y=y, detail="polygon_id:N", order="order:Q",
            color=alt.Color("density:Q", scale=alt.Scale(range=TERRAIN), legend=None)))
    tooltip = [alt.Tooltip("title:N", title="标题 Title"), alt.Tooltip("applicant:N", title="申请人 Applicant"),
               alt.Tooltip("year:N", title="申请年 Year"), alt.Tooltip("topic_zh:N", title="主题"),
               alt.Tooltip("topic_en:N", title="Topic"), alt.Tooltip("patent_id:N", title="公开号 Number")]
    context = points.filter(~pl.col("in_scope")) if highlight else points.clear()
    own = points.filter(pl.col("in_scope")) if highlight else points
    if context.height:
        layers.append(alt.Chart(context).mark_circle(size=16, clip=True, opacity=0.55, color=CONTEXT_GREY).encode(
            x=x, y=y, href="link:N", tooltip=tooltip).properties(name="context_points"))
    if own.height:
        layers.append(alt.Chart(own).mark_circle(
            size=34, clip=True, opacity=0.9, stroke="#ffffff", strokeWidth=0.5).encode(
            x=x, y=y, href="link:N", tooltip=tooltip,
            color=alt.Color("topic:N", scale=alt.Scale(scheme="tableau20"), legend=None)).properties(name="points"))
    if peaks.height:
        layers.append(alt.Chart(peaks).mark_point(shape="triangle-up", size=40, filled=True, color="#3b3b3b").encode(
            x=x, y=y, tooltip=[alt.Tooltip("label_zh:N", title="主题"), alt.Tooltip("label_en:N", title="Topic"),
                               alt.Tooltip("size:Q", title="件 Patents")]).properties(name="peaks"))
        for language in ("zh", "en"):
            labels = peak_labels(peaks, scale, language)
            if labels.height:
                layers.append(alt.Chart(labels).mark_text(
                    fontSize=LABEL_FONT, fontWeight="bold", color="#1b1b1b", baseline="middle", align="center").encode(
                    x=x, y=y, text="text:N").properties(name=f"peaklabel_{language}"))
    chart = alt.layer(*layers).resolve_scale(color="independent") if len(layers) > 1 else layers[0]
    spec = _finish(chart.properties(width=WIDTH, height=LANDSCAPE_HEIGHT))
    return add_search(spec, ("points", "context_points"), "applicant") if "layer" in spec else spec


def offset_labels(nodes: pl.DataFrame, picks: list[int | None], scale: PixelScale, gap: float) -> pl.DataFrame:
    """Each node's `id` as a label `gap` pixels above it (pick 0) or below it (pick 1); unplaced nodes get none."""
    rows = []
    for r, pick in zip(nodes.iter_rows(named=True), picks, strict=True):
        if pick is not None:
            x, y = scale.shifted(r["x"], r["y"], 0.0, -gap if pick == 0 else gap)
            rows.append({"x": x, "y": y, "text": r["id"]})
    return pl.DataFrame(rows, schema={"x": pl.Float64, "y": pl.Float64, "text": pl.Utf8})


def citation_network_chart(nodes: pl.DataFrame, edges: pl.DataFrame, max_labels: int = 12) -> dict[str, Any]:
    """Core patents with their citing/cited neighbours, positioned from the graph: nodes (id, title, year, x, y,
    role 'core'|'citing'|'cited', size), edges (x, y, x2, y2). The largest core patents carry their number."""
    import altair as alt

    height = 460
    scale = PixelScale(nodes["x"].to_list(), nodes["y"].to_list(), WIDTH, height, pad=0.08)
    x, y = scale.axes(alt)
    colours = alt.Scale(domain=list(ROLE_NAMES), range=["#c0392b", "#4c78a8", "#9c9c9c"])
    layers = []
    if edges.height:
        layers.append(alt.Chart(edges).mark_rule(color="#8a8a8a", opacity=0.45, strokeWidth=0.8).encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q").properties(name="edges"))
    layers.append(alt.Chart(nodes).mark_circle(opacity=0.9, stroke="#ffffff", strokeWidth=0.8).encode(
        x=x, y=y, href="link:N", color=alt.Color("role_label:N", scale=colours, legend=alt.Legend(title="角色 Role")),
        size=alt.Size("size:Q", scale=alt.Scale(range=[25, 420]), legend=alt.Legend(title="被引次数 Cited by")),
        tooltip=[alt.Tooltip("id:N", title="公开号 Number"), alt.Tooltip("title:N", title="标题 Title"),
                 alt.Tooltip("year:N", title="申请年 Year"), alt.Tooltip("role_label:N", title="角色 Role"),
                 alt.Tooltip("size:Q", title="被引 Cited by")]).properties(name="nodes"))
    core = nodes.filter(pl.col("role") == "core").sort("size", descending=True)
    largest = float(nodes["size"].max() or 0)  # type: ignore[arg-type]
    obstacles = node_boxes(nodes, scale, 0.0, largest, (25.0, 420.0))
    rows, candidates = [], []
    for row in core.iter_rows(named=True):
        cx, cy = scale.px(row["x"], row["y"])
        radius = node_radius(row["size"], 0.0, largest, (25.0, 420.0))
        rows.append({"x": row["x"], "y": row["y"], "text": row["id"]})
        candidates.append(free_boxes(side_boxes(cx, cy, radius, text_width(row["id"], 10), 12.0,
                                                gaps=(2.0, 8.0, 16.0, 26.0)), obstacles, WIDTH, height))
    picks = place_labels(candidates, max_labels)
    labels = placed_label_frame(rows, candidates, picks, scale)
    if labels.height:
        layers.append(alt.Chart(labels).mark_text(fontSize=10, color="#333", baseline="middle").encode(
            x=x, y=y, text="text:N").properties(name="nodelabels"))
    spec = _finish(alt.layer(*layers).properties(width=WIDTH, height=height))
    return add_search(spec, ("nodes",), "applicant") if "applicant" in nodes.columns else spec


def main_path_chart(nodes: pl.DataFrame, edges: pl.DataFrame) -> dict[str, Any]:
    """Main path left to right by filing year: nodes (id, label, x=year, y=lane), edges (x, y, x2, y2, spc).
    Each node's number sits above it, or below when that would collide; otherwise it is on hover only."""
    import altair as alt

    lanes = int(max(nodes["y"].to_list(), default=0.0)) + 1
    height = max(180, 70 * lanes)
    years = nodes["x"].to_list()
    scale = PixelScale([min(years) - 0.5, max(years) + 0.5], [-0.6, lanes - 0.4], WIDTH, height, pad=0.0)
    x_axis = alt.Axis(format="d", tickMinStep=1, grid=True, gridOpacity=0.35, title=None, labelFontSize=11)
    x, y = scale.axes(alt, x_axis)
    candidates = []
    for row in nodes.iter_rows(named=True):
        cx, cy = scale.px(row["x"], row["y"])
        width = text_width(row["id"], 11)
        candidates.append([(cx - width / 2, cy - 23, cx + width / 2, cy - 9),
                           (cx - width / 2, cy + 9, cx + width / 2, cy + 23)])
    picks = place_labels(candidates)
    labels = offset_labels(nodes, picks, scale, 16.0)
    rules = alt.Chart(edges).mark_rule(color="#d62728", opacity=0.75).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("spc:Q", legend=None, scale=alt.Scale(range=[1.2, 5])))
    points = alt.Chart(nodes).mark_circle(size=110, color="#d62728", stroke="#fff", strokeWidth=1).encode(
        x=x, y=y, href="link:N",
        tooltip=[alt.Tooltip("id:N", title="公开号 Number"), alt.Tooltip("label:N", title="标题 Title"),
                 alt.Tooltip("x:Q", title="申请年 Year", format="d")])
    layers = [rules, points]
    if labels.height:
        layers.append(alt.Chart(labels).mark_text(fontSize=11, color="#222", baseline="middle").encode(
            x=x, y=y, text="text:N").properties(name="pathlabels"))
    return _finish(alt.layer(*layers).properties(width=WIDTH, height=height))


# --- Applicant search (site.js sets the `search` signal; matching marks are ringed, the rest fade) -----------------

SEARCH_SIGNAL = "search"


def search_match(field: str) -> str:
    """Vega expression: the datum's `field` contains the search text (case-insensitive)."""
    return f"indexof(lower(datum['{field}'] || ''), lower({SEARCH_SIGNAL})) >= 0"


def add_search(spec: dict[str, Any], layers: Sequence[str], field: str, base_opacity: float = 0.9) -> dict[str, Any]:
    """Give the spec a `search` parameter and make the named layers' marks react to it: a match is drawn opaque
    with a dark ring, everything else fades while a search is active."""
    params = spec.setdefault("params", [])
    if not any(p.get("name") == SEARCH_SIGNAL for p in params):
        params.append({"name": SEARCH_SIGNAL, "value": ""})
    active = f"{SEARCH_SIGNAL} && {search_match(field)}"
    for layer in spec.get("layer", []):
        if layer.get("name") not in layers:
            continue
        encoding = layer.setdefault("encoding", {})
        mark = layer.get("mark")
        base = mark.get("opacity", base_opacity) if isinstance(mark, dict) else base_opacity
        encoding["opacity"] = {"condition": [{"test": active, "value": 1.0}, {"test": SEARCH_SIGNAL, "value": 0.12}],
                               "value": base}
        encoding["stroke"] = {"condition": {"test": active, "value": "#111111"}, "value": "#ffffff"}
        encoding["strokeWidth"] = {"condition": {"test": active, "value": 2.5}, "value": 0.6}
    return spec


def side_boxes(cx: float, cy: float, radius: float, width: float, height: float,
               gaps: Sequence[float] = (3.0, 12.0)) -> list[Box]:
    """Label boxes right, left, above and below a node of that radius, at each gap further out, in that order."""
    boxes: list[Box] = []
    for gap in gaps:
        r = radius + gap
        boxes += [(cx + r, cy - height / 2, cx + r + width, cy + height / 2),
                  (cx - r - width, cy - height / 2, cx - r, cy + height / 2),
                  (cx - width / 2, cy - r - height, cx + width / 2, cy - r),
                  (cx - width / 2, cy + r, cx + width / 2, cy + r + height)]
    return boxes


def placed_label_frame(rows: Sequence[dict[str, Any]], candidates: Sequence[Sequence[Box]],
                       picks: Sequence[int | None], scale: PixelScale) -> pl.DataFrame:
    """Centre of each placed label box, back in data units (so Vega-Lite draws it centred there)."""
    out = []
    for row, boxes, pick in zip(rows, candidates, picks, strict=True):
        if pick is None:
            continue
        box = boxes[pick]
        px, py = scale.px(row["x"], row["y"])
        x, y = scale.shifted(row["x"], row["y"], (box[0] + box[2]) / 2 - px, (box[1] + box[3]) / 2 - py)
        out.append({"x": x, "y": y, "text": row["text"]})
    return pl.DataFrame(out, schema={"x": pl.Float64, "y": pl.Float64, "text": pl.Utf8})


NODE_AREA = (30.0, 420.0)  # circle areas in px² of the smallest and largest node


def node_radius(size: float, low: float, high: float, area: tuple[float, float] = NODE_AREA) -> float:
    """Radius in pixels of a circle whose area scales linearly from area[0] at `low` to area[1] at `high`."""
    share = 0.0 if high <= low else (size - low) / (high - low)
    return math.sqrt((area[0] + share * (area[1] - area[0])) / math.pi)


def node_boxes(nodes: pl.DataFrame, scale: PixelScale, low: float, high: float,
               area: tuple[float, float] = NODE_AREA) -> list[Box]:
    """The square around every drawn node: a label must not cover another node."""
    boxes = []
    for row in nodes.iter_rows(named=True):
        cx, cy = scale.px(row["x"], row["y"])
        r = node_radius(float(row["size"] or 0), low, high, area) + 1.0
        boxes.append((cx - r, cy - r, cx + r, cy + r))
    return boxes


def free_boxes(boxes: Sequence[Box], obstacles: Sequence[Box], width: float, height: float) -> list[Box]:
    """The candidate boxes inside the plot that cover no node."""
    return [b for b in boxes if b[0] >= 0 and b[2] <= width and b[1] >= 0 and b[3] <= height
            and not any(_intersects(b, o) for o in obstacles)]
