"""The industry's citation main path, left to right by filing year."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section, patent_office_url

MAX_PATH_EDGES = 60


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import chart_views

    if "mart.main_path_edge" not in ctx.tables:
        return
    path = query(con, "main_path", {"industry": page.industry, "limit": MAX_PATH_EDGES})
    path = path.filter(pl.col("cited_year").is_not_null() & pl.col("citing_year").is_not_null())
    if not path.height:
        return
    page.tables["main_path"] = path
    lanes: dict[str, float] = {}
    years: dict[str, tuple[int, str]] = {}
    for r in path.iter_rows(named=True):
        years[r["cited_id"]] = (r["cited_year"], r["cited_title"])
        years[r["citing_id"]] = (r["citing_year"], r["citing_title"])
    per_year: dict[int, int] = {}
    for node, (year, _) in sorted(years.items(), key=lambda item: (item[1][0], item[0])):
        lanes[node] = float(per_year.get(year, 0))
        per_year[year] = per_year.get(year, 0) + 1
    nodes = pl.DataFrame([{"id": n, "label": t, "x": float(y), "y": lanes[n], "link": patent_office_url(n) or ""}
                          for n, (y, t) in years.items()])
    edges = pl.DataFrame([{"x": float(r["cited_year"]), "y": lanes[r["cited_id"]], "x2": float(r["citing_year"]),
                           "y2": lanes[r["citing_id"]], "spc": float(r["spc"] or 0)}
                          for r in path.iter_rows(named=True)])
    page.sections.append(chart_section(
        "main-path", "引证主路径", "Citation main path", chart_views.main_path_chart(nodes, edges),
        "该产业全部数据的主路径，按申请年从左到右；线宽为搜索路径计数（SPC）；悬停查看标题，点击打开专利局页面。",
        "The industry's main path over all data, left to right by filing year; line width = search path count; "
        "hover for the title, click to open the patent office page."))


SECTION = Section("main_path", build, queries=("main_path",), sheets=("main_path",))
