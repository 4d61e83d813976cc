"""Topic landscape: density terrain, peak labels and the page's patents as points."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, prepare_once, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section, patent_office_url

MAX_POINTS = 2000  # the page's own landscape points (sampled beyond this, and the page says so)
MAX_CONTEXT_POINTS = 1500  # the rest of the industry, drawn grey behind them


def contour_frame(contours: pl.DataFrame) -> pl.DataFrame:
    """Flatten polygon_json ([[x,y],…], a list of rings, or GeoJSON-like {'coordinates': …}) into closed lines."""
    rows: list[dict[str, Any]] = []
    for index, row in enumerate(contours.iter_rows(named=True)):
        try:
            shape = json.loads(row["polygon_json"]) if row["polygon_json"] else []
        except (TypeError, ValueError):
            continue
        if isinstance(shape, dict):
            shape = shape.get("coordinates", [])
        rings = shape if shape and isinstance(shape[0], list) and shape[0] and isinstance(shape[0][0], list) \
            else [shape]
        for ring_index, ring in enumerate(rings):
            points = [p for p in ring if isinstance(p, list | tuple) and len(p) >= 2]
            if len(points) < 3:
                continue
            for order, (x, y) in enumerate([*points, points[0]]):
                # Zero-padded ids keep the rings in level order (low density first), so terrain stacks up.
                rows.append({"polygon_id": f"{index:05d}-{ring_index:04d}", "order": order, "x": float(x),
                             "y": float(y), "density": float(row["density"] or 0)})
    schema = {"polygon_id": pl.Utf8, "order": pl.Int64, "x": pl.Float64, "y": pl.Float64, "density": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def industry_terrain(con: Any, ctx: SiteContext, industry: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The industry's density contours (as closed lines) and labelled peaks, read once per render: every page of
    the industry (its own, each 片区's) draws the same terrain."""
    key = f"landscape_terrain:{industry}"
    if key not in ctx.cache:
        contours = contour_frame(query(con, "landscape_contours", {"industry": industry})) \
            if "enrich.landscape_contour" in ctx.tables \
            else contour_frame(pl.DataFrame({"density": [], "polygon_json": []}))
        peaks = query(con, "landscape_peaks", {"industry": industry}) if "enrich.landscape_peak" in ctx.tables \
            else pl.DataFrame(schema={"x": pl.Float64, "y": pl.Float64, "label_zh": pl.Utf8, "label_en": pl.Utf8,
                                      "size": pl.Int64})
        ctx.cache[key] = (contours, peaks)
    terrain: tuple[pl.DataFrame, pl.DataFrame] = ctx.cache[key]
    return terrain


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import chart_views

    if page.industry == "ALL" or not {"enrich.patent_topic", "enrich.topic"} <= ctx.tables:
        return
    total = int(query(con, "landscape_point_total", page.params)["point_count"][0])
    prepare_once(con, ctx.cache, "landscape_placed")
    points = query(con, "landscape_points",
                   {**page.params, "limit": MAX_POINTS, "context_limit": MAX_CONTEXT_POINTS})
    own = points.filter(pl.col("in_scope"))
    if not own.height:
        return
    points = points.with_columns(
        pl.col("patent_id").map_elements(lambda p: patent_office_url(p) or "", return_dtype=pl.Utf8).alias("link"))
    contours, peaks = industry_terrain(con, ctx, page.industry)
    highlight = page.scope != "ALL"
    sampled = total > own.height
    note_zh = f"共 {total:,} 件专利有图谱坐标" + (
        f"，为控制页面大小，随机抽样显示 {own.height:,} 件。" if sampled else "。")
    note_en = f"{total:,} patents have map coordinates" + (
        f"; a stable random sample of {own.height:,} is shown to keep the page small." if sampled else ".")
    if highlight:
        note_zh += " 彩色点为本页专利（按主题着色），灰色点为该产业其余专利。"
        note_en += " Coloured points are this page's patents (by topic); grey points are the rest of the industry."
    page.tables["landscape_points"] = own.drop("in_scope")
    page.sections.append(chart_section(
        "landscape", "技术主题图谱", "Topic landscape",
        chart_views.landscape_chart(contours, peaks, points, highlight),
        note_zh + " 地形颜色越深专利越密集；最大的主题峰标注名称，其余悬停可见。点击点打开专利局页面。",
        note_en + " Darker terrain = denser patenting; the largest topic peaks are labelled, the rest show on hover."
        " Click a point to open the patent office page.",
        search=own.group_by("applicant").len().sort(["len", "applicant"], descending=[True, False])
        .drop_nulls("applicant")["applicant"].to_list()))


SECTION = Section("landscape", build, sheets=("landscape_points",),
                  queries=("landscape_point_total", "landscape_placed", "landscape_points", "landscape_contours",
                           "landscape_peaks"))
