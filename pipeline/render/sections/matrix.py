"""片区 × industry matrix of the overview, linking to each zone × industry page."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, is_plan_industry
from pipeline.render.sections import Section
from pipeline.render.sections.headline import matrix_cells
from pipeline.render.widgets import cell, fmt_pct, slug_for, table_section


def matrix_cell(values: dict[str, Any], href: str | None, plan: bool) -> dict[str, Any]:
    count = int(values.get("application_count") or 0)
    sensitivity = int(values.get("application_sensitivity_count") or 0)
    recent, prior = values.get("recent_count"), values.get("prior_count")
    growth = fmt_pct(100.0 * (recent - prior) / prior) if recent is not None and prior else "—"
    return cell(f"{count:,} ({sensitivity:,})", sort=count, num=True, href=href if count else None,
                sub=growth, mark=plan)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    cells = matrix_cells(con, ctx)
    page_slugs = {p.slug for p in ctx.pages}
    industries = list(ctx.industries)
    columns = [("text", "片区", "Zone"), ("number", "全部产业", "All industries")]
    columns += [("number", ctx.industries[i]["zh"], ctx.industries[i]["en"]) for i in industries]
    rows = []
    for zone, names in ctx.zones.items():
        row = [cell(names["zh"], href=f"{slug_for('zone', zone)}.html", sub=names["en"]),
               matrix_cell(cells.get((zone, "ALL"), {}), None, False)]
        for industry in industries:
            slug = slug_for("zone", zone, industry)
            row.append(matrix_cell(cells.get((zone, industry), {}), f"{slug}.html" if slug in page_slugs else None,
                                   is_plan_industry(ctx, zone, industry)))
        rows.append(row)
    for scope, zh, en in (("CQ-OTHER", "重庆其他地区", "Rest of Chongqing"), ("CQ", "重庆全市", "All Chongqing")):
        row = [cell(zh, sub=en), matrix_cell(cells.get((scope, "ALL"), {}), None, False)]
        for industry in industries:
            slug = slug_for("industry", industry)
            href = f"{slug}.html" if scope == "CQ" and slug in page_slugs else None
            row.append(matrix_cell(cells.get((scope, industry), {}), href, False))
        rows.append(row)
    headline, sensitivity = ctx.settings.headline_threshold, ctx.settings.sensitivity_threshold
    page.sections.append(table_section(
        "matrix", "片区 × 产业 专利矩阵", "Zone × industry matrix", columns, rows, sortable=False,
        note_zh=(f"数字为置信度 ≥ {headline} 的专利数，括号内为 ≥ {sensitivity} 的敏感性计数；"
                 "百分比为近三年相对此前三年的增长；★ 为片区规划产业。"),
        note_en=(f"Patents at confidence ≥ {headline}, sensitivity count (≥ {sensitivity}) in brackets; "
                 "% = last 3 filing years vs the 3 before; ★ = plan industry of the zone.")))
    page.tables["zone_industry"] = ctx.cache["matrix"]
    if ctx.provenance["files"]:
        page.tables["source_files"] = pl.DataFrame(ctx.provenance["files"])


SECTION = Section("matrix", build, queries=("matrix",), sheets=("zone_industry", "source_files"))
