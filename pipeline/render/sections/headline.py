"""Headline numbers of the overview: all patents, Chongqing, the three 片区, inventions, cut-off."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import ZONE_FALLBACK, Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.sections.summary import set_synthetic_share
from pipeline.render.widgets import cards_section, fmt_count


def matrix_cells(con: Any, ctx: SiteContext) -> dict[tuple[str, str], dict[str, Any]]:
    """mart.zone_industry_year totals by (scope, industry), read once per site and shared with the matrix."""
    if "matrix" not in ctx.cache:
        ctx.cache["matrix"] = query(con, "matrix") if "mart.zone_industry_year" in ctx.tables else pl.DataFrame()
    return {(r["scope_code"], r["industry_code"]): r for r in ctx.cache["matrix"].iter_rows(named=True)}


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    set_synthetic_share(con, page)
    cells = matrix_cells(con, ctx)
    cutoff = ctx.provenance["cutoff"]
    ftz = [cells.get((zone, "ALL"), {}) for zone in ZONE_FALLBACK]
    ftz_count = sum(int(c.get("application_count") or 0) for c in ftz)
    ftz_sensitivity = sum(int(c.get("application_sensitivity_count") or 0) for c in ftz)
    chongqing = cells.get(("CQ", "ALL"), {})
    page.sections.append(cards_section("headline", "核心指标", "Headline indicators", [
        (fmt_count(cutoff["patent_count"]), "专利总数（全部数据）", "Patents (all data)"),
        (fmt_count(chongqing.get("application_count")), "重庆专利", "Chongqing patents"),
        (f"{ftz_count:,} ({ftz_sensitivity:,})", "自贸区三片区专利（敏感性）", "FTZ patents (sensitivity)"),
        (fmt_count(chongqing.get("invention_count")), "重庆发明专利", "Chongqing inventions"),
        (ctx.cutoff, "数据截止日期", "Data cut-off")]))


SECTION = Section("headline", build, queries=("summary", "matrix"))
