"""专利布局 directions of a 片区: its white-space fields ranked with reasons, then its specialised fields, next
to the industries its plan names."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

COLUMNS = [("number", "排名", "Rank"), ("text", "技术领域", "Technology field"), ("number", "片区专利", "片区 patents"),
           ("number", "RTA", "RTA"), ("number", "重庆增长%", "Chongqing growth %"), ("text", "理由", "Reason")]


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.zone_specialisation" not in ctx.tables or page.scope not in ctx.zones or page.industry != "ALL":
        return
    fields = query(con, "layout_directions", page.params)
    if not fields.height:
        return
    page.tables["layout_directions"] = fields
    rows = []
    for r in fields.iter_rows(named=True):
        white = bool(r["is_white_space"])
        rows.append([cell(r["direction_rank"] if white else "优势 strong", sort=r["direction_rank"], num=True),
                     cell(r["field_zh"], sub=f"{r['field_code']} · {r['field_en']}"),
                     cell(r["zone_field_count"], sort=r["zone_field_count"], num=True),
                     cell(f"{r['rta']:.2f}" if r["rta"] is not None else "—", sort=r["rta"], num=True),
                     cell(f"{r['bench_growth_pct']:+.0f}%" if r["bench_growth_pct"] is not None else "—",
                          sort=r["bench_growth_pct"], num=True),
                     cell(r["reason_zh"] or "已具优势（RTA ≥ 1）", sub=r["reason_en"] or "already specialised")])
    plan = ctx.zones[page.scope].get("plan", "").replace("|", "、")
    page.sections.append(table_section(
        "layout_directions", "专利布局方向（空白点与优势领域）", "Patent layout directions (white space and strengths)",
        COLUMNS, rows, sortable=False,
        note_zh=f"规划产业：{plan or '—'}。空白点 = 重庆该领域增长快于中位数、本片区 RTA < 1、且相邻领域已有专利；"
                "WIPO 35 个技术领域，基准为重庆全市。",
        note_en="White space = Chongqing grows faster than the median field, this 片区's RTA < 1, and it already "
                "patents in neighbouring fields; WIPO's 35 fields, benchmark all Chongqing. Plan industries as named."))


SECTION = Section("layout_directions", build, queries=("layout_directions",), sheets=("layout_directions",))
