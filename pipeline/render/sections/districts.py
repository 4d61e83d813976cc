"""每万人口发明专利 by district; districts without a population figure show a dash, not a zero."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

DISTRICT_COLUMNS = [("text", "区县", "District"), ("number", "发明申请", "Invention filings"),
                    ("number", "发明授权", "Invention grants"), ("number", "人口", "Population"),
                    ("number", "每万人口发明授权", "Grants per 10k residents")]


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.zone_indicator" not in ctx.tables:
        return
    districts = query(con, "districts")
    if not districts.height:
        return
    page.tables["district_intensity"] = districts
    rows = []
    for r in districts.iter_rows(named=True):
        per_10k = r["invention_grants_per_10k"]
        rows.append([cell(r["district_name_zh"] or r["district_code"], sub=r["district_code"]),
                     cell(r["invention_application_count"], sort=r["invention_application_count"], num=True),
                     cell(r["invention_grant_count"], sort=r["invention_grant_count"], num=True),
                     cell(f"{r['population']:,.0f}" if r["population"] else "—", sort=r["population"], num=True),
                     cell(f"{per_10k:.2f}" if per_10k is not None else "—", sort=per_10k, num=True)])
    page.sections.append(table_section(
        "districts", "区县每万人口发明专利", "Invention patents per 10,000 residents by district", DISTRICT_COLUMNS,
        rows, note_zh="按申请人所在区县统计（不限片区置信度）；人口来自 data/reference/population.csv。",
        note_en="By the applicant's district (any zone confidence); population from data/reference/population.csv."))


SECTION = Section("districts", build, queries=("districts",), sheets=("district_intensity",))
