"""Altair chart specs as pure functions of polars data: each returns a Vega-Lite dict ready to embed.

Labels are bilingual ("中文 English") because a chart's text is drawn inside the SVG where the page's language
toggle cannot reach. Tooltips stay plain text (Vega's default), so data values never become markup.
"""

from __future__ import annotations

from typing import Any

import polars as pl

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
WIDTH = 640
FTZ_LAUNCH_YEAR = 2017  # launched 2017-04-01: earlier filings predate the FTZ (location is about the applicant)

TYPE_LABELS = {"invention": "发明 Invention", "utility_model": "实用新型 Utility model", "design": "外观设计 Design"}


def _finish(chart: Any) -> dict[str, Any]:
    # Schema validation costs ~40 ms a chart; the browser test renders every spec instead.
    spec: dict[str, Any] = chart.configure(font=FONT).configure_view(stroke=None).to_dict(validate=False)
    return spec


def _ftz_rule(alt: Any, years: list[int]) -> Any | None:
    """A dashed rule at the FTZ launch year, labelled, when the data spans it."""
    if not years or min(years) >= FTZ_LAUNCH_YEAR or max(years) < FTZ_LAUNCH_YEAR:
        return None
    marker = pl.DataFrame({"year": [str(FTZ_LAUNCH_YEAR)], "label": ["自贸区设立 FTZ launched 2017-04"]})
    base = alt.Chart(marker)
    rule = base.mark_rule(strokeDash=[4, 3], color="#b22222").encode(x=alt.X("year:O"))
    text = base.mark_text(align="right", dx=-4, dy=2, color="#b22222", baseline="top").encode(
        x=alt.X("year:O"), y=alt.value(0), text="label:N")
    return rule + text


TREND_YEARS = 25  # bars shown; older years stay in the page's export


def trend_chart(data: pl.DataFrame) -> dict[str, Any]:
    """Stacked bars of applications by filing year and patent type; columns filing_year, patent_type, count.
    Only the last TREND_YEARS years are drawn so the axis stays legible."""
    import altair as alt

    if data.height:
        data = data.filter(pl.col("filing_year") > pl.col("filing_year").max() - TREND_YEARS)
    frame = data.with_columns(
        pl.col("filing_year").cast(pl.Utf8).alias("year"),
        pl.col("patent_type").replace_strict(TYPE_LABELS, default=pl.col("patent_type")).alias("type"),
    ).select("year", "type", "count")
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("year:O", title="申请年 Filing year"),
        y=alt.Y("count:Q", title="申请量 Applications"),
        color=alt.Color("type:N", title="类型 Type"),
        tooltip=[alt.Tooltip("year:O", title="年 Year"), alt.Tooltip("type:N", title="类型 Type"),
                 alt.Tooltip("count:Q", title="件 Count")],
    )
    rule = _ftz_rule(alt, [int(y) for y in frame["year"].to_list()])
    chart = (bars + rule) if rule is not None else bars
    return _finish(chart.properties(width=WIDTH, height=260))


def bar_ranking_chart(data: pl.DataFrame, label_title: str, value_title: str) -> dict[str, Any]:
    """Horizontal bars of label/count, largest first (top applicants, IPC subclasses)."""
    import altair as alt

    frame = data.select(pl.col("label").cast(pl.Utf8), pl.col("count"))
    chart = alt.Chart(frame).mark_bar(color="#4c78a8").encode(
        y=alt.Y("label:N", sort="-x", title=label_title, axis=alt.Axis(labelLimit=260)),
        x=alt.X("count:Q", title=value_title),
        tooltip=[alt.Tooltip("label:N", title=label_title), alt.Tooltip("count:Q", title=value_title)],
    )
    return _finish(chart.properties(width=WIDTH - 200, height=max(80, 22 * frame.height)))


def landscape_chart(contours: pl.DataFrame, peaks: pl.DataFrame, points: pl.DataFrame) -> dict[str, Any]:
    """Topic landscape: density contours (polygon_id, order, x, y, density), peak labels (x, y, label) and
    points (x, y, title, applicant, date, link, topic) with text tooltips and a click-through link."""
    import altair as alt

    # Points first so the density contours and peak labels stay readable on top of them.
    points_layer = alt.Chart(points).mark_circle(size=28, opacity=0.6).encode(
        x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None),
        color=alt.Color("topic:N", legend=None),
        href="link:N",
        tooltip=[alt.Tooltip("title:N", title="标题 Title"), alt.Tooltip("applicant:N", title="申请人 Applicant"),
                 alt.Tooltip("date:N", title="申请日 Filed"), alt.Tooltip("patent_id:N", title="公开号 Number"),
                 alt.Tooltip("link:N", title="链接 Link")])
    layers = []
    if points.height:
        layers.append(points_layer)
    if contours.height:
        layers.append(alt.Chart(contours).mark_line(strokeWidth=1, opacity=0.7).encode(
            x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), detail="polygon_id:N", order="order:Q",
            color=alt.Color("density:Q", scale=alt.Scale(scheme="greens"), legend=alt.Legend(title="密度 Density"))))
    if peaks.height:
        layers.append(alt.Chart(peaks).mark_text(fontSize=12, fontWeight="bold", color="#333").encode(
            x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None), text="label:N"))
    # Topic colours (nominal) and contour density (quantitative) must not share one colour scale.
    chart = alt.layer(*layers).resolve_scale(color="independent") if len(layers) > 1 else layers[0]
    return _finish(chart.properties(width=WIDTH, height=440))


def main_path_chart(nodes: pl.DataFrame, edges: pl.DataFrame) -> dict[str, Any]:
    """Main path laid out by filing year: nodes (id, label, year, lane), edges (x, y, x2, y2, spc)."""
    import altair as alt

    rules = alt.Chart(edges).mark_rule(color="#d62728").encode(
        x=alt.X("x:Q", title="申请年 Filing year", scale=alt.Scale(zero=False), axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", axis=None), x2="x2:Q", y2="y2:Q", strokeWidth=alt.StrokeWidth("spc:Q", legend=None))
    points = alt.Chart(nodes).mark_circle(size=90, color="#d62728").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"),
        tooltip=[alt.Tooltip("id:N", title="公开号 Number"), alt.Tooltip("label:N", title="标题 Title"),
                 alt.Tooltip("x:Q", title="年 Year")])
    text = alt.Chart(nodes).mark_text(dy=-10, fontSize=9).encode(x="x:Q", y="y:Q", text="id:N")
    return _finish((rules + points + text).properties(width=WIDTH, height=260))
