"""How the Chongqing applicants were located (direct address, another record, registry, not located), and the
unlocated applicants with the most patents: the registry rows that would raise the 片区 coverage most."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

METHOD_NAMES = {
    "direct_address": ("记录自带地址", "Address on the record"),
    "other_record": ("同一申请人其他记录的地址", "Address on another record of the applicant"),
    "registry": ("申请人登记表", "Applicant registry"),
    "not_located": ("未定位", "Not located"),
}
TOP_UNLOCATED = 20


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if not {"enrich.patent_location", "enrich.applicant_entity"} <= ctx.tables:
        return
    coverage = query(con, "location_coverage")
    if not int(coverage["chongqing_applicants"].sum() or 0):
        return
    page.tables["location_coverage"] = coverage
    rows = []
    for r in coverage.iter_rows(named=True):
        zh, en = METHOD_NAMES.get(r["method"], (r["method"], r["method"]))
        rows.append([cell(zh, sub=en), cell(r["chongqing_applicants"], sort=r["chongqing_applicants"], num=True),
                     cell(r["patents"], sort=r["patents"], num=True)])
    page.sections.append(table_section(
        "location-coverage", "重庆申请人的定位方式", "How Chongqing applicants were located",
        [("text", "定位方式", "Method"), ("number", "重庆申请人", "Chongqing applicants"),
         ("number", "专利", "Patents")], rows, sortable=False,
        note_zh=("多数数据库导出不含地址：无地址时依次使用同一申请人在其他记录上的地址、申请人登记表"
                 "（data/reference/applicant_locations.csv），置信度低于记录自带地址。"),
        note_en=("Most exports carry no address: without one, the same applicant's address on another record is "
                 "used, then the applicant registry (data/reference/applicant_locations.csv), each with a lower "
                 "confidence than an address on the record.")))
    unlocated = query(con, "location_coverage_unlocated", {"limit": TOP_UNLOCATED})
    if unlocated.height:
        page.tables["unlocated_applicants"] = unlocated
        page.sections.append(table_section(
            "unlocated-applicants", "未定位的重庆申请人（补充登记表可提高覆盖）",
            "Unlocated Chongqing applicants (registry rows that would raise coverage)",
            [("text", "申请人", "Applicant"), ("number", "专利", "Patents")],
            [[cell(r["applicant_name"]), cell(r["patent_count"], sort=r["patent_count"], num=True)]
             for r in unlocated.iter_rows(named=True)],
            note_zh=f"按专利数排序的前 {TOP_UNLOCATED} 位。", note_en=f"Top {TOP_UNLOCATED} by patents."))


SECTION = Section("location_coverage", build, queries=("location_coverage", "location_coverage_unlocated"),
                  sheets=("location_coverage", "unlocated_applicants"))
