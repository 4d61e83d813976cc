"""How a page's patents were located (address as filed, the same applicant elsewhere, the registry), real and
synthetic apart, and the real applicants behind them: what an analyst needs to judge a 片区 figure."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.sections.location_coverage import METHOD_NAMES
from pipeline.render.widgets import cell, table_section

TOP_REAL = 15
RULE_NAMES = {
    "zone_keyword": ("片区/设施名称", "zone or facility name"),
    "subarea_keyword": ("核心区域名称", "core sub-area name"),
    "street_candidate": ("候选街道", "candidate street"),
    "postcode": ("邮编", "postcode"),
}


def _rule_label(rule: str | None) -> tuple[str, str]:
    rule = rule or ""
    base = rule.split(":")[-1]
    zh, en = RULE_NAMES.get(base, (base, base))
    if rule.startswith("applicant_other_record:"):
        return f"同一申请人其他记录 · {zh}", f"same applicant elsewhere · {en}"
    if rule.startswith("registry:"):
        return f"申请人登记表 · {zh}", f"registry · {en}"
    return f"申请地址 · {zh}", f"address as filed · {en}"


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if page.scope in {"ALL", "CQ", "CQ-OTHER"} or not {"enrich.patent_zone", "enrich.district"} <= ctx.tables:
        return
    methods = query(con, "zone_location", page.params)
    real, synthetic = int(methods["real_count"].sum() or 0), int(methods["synthetic_count"].sum() or 0)
    if not real + synthetic:
        return
    page.tables["zone_location"] = methods
    share = f"{100.0 * real / (real + synthetic):.1f}%"
    rows = []
    for r in methods.iter_rows(named=True):
        zh, en = METHOD_NAMES.get(r["method"], (r["method"], r["method"]))
        total = r["real_count"] + r["synthetic_count"]
        rows.append([cell(zh, sub=en), cell(r["real_count"], sort=r["real_count"], num=True),
                     cell(r["synthetic_count"], sort=r["synthetic_count"], num=True),
                     cell(total, sort=total, num=True)])
    page.sections.append(table_section(
        "zone-location", "本页专利如何归属到片区", "How this page's patents were located",
        [("text", "定位方式", "Method"), ("number", "真实记录", "Real records"),
         ("number", "合成记录", "Synthetic records"), ("number", "合计", "Total")], rows, sortable=False,
        note_zh=(f"达到阈值的 {real + synthetic} 件专利中，真实记录 {real} 件（{share}），其余为合成（演示）记录。"
                 "真实记录的地址来自国家知识产权局著录项目数据（申请时的申请人地址）。"),
        note_en=(f"Of the {real + synthetic} patents at the threshold, {real} ({share}) are real records; the rest "
                 "are synthetic (demo). Real addresses come from CNIPA bibliographic data (the applicant's address "
                 "as filed).")))
    applicants = query(con, "zone_location_real_applicants", {**page.params, "limit": TOP_REAL})
    if not applicants.height:
        return
    page.tables["zone_real_applicants"] = applicants
    body = []
    for r in applicants.iter_rows(named=True):
        zh, en = _rule_label(r["rule"])
        body.append([cell(r["applicant_name"]), cell(r["patent_count"], sort=r["patent_count"], num=True),
                     cell(r["district_name"] or ""), cell(zh, sub=f"{en}: {r['matched_text'] or ''}")])
    page.sections.append(table_section(
        "zone-real-applicants", "本片区的真实申请人", "Real applicants of this area",
        [("text", "申请人", "Applicant"), ("number", "专利", "Patents"), ("text", "区县", "District"),
         ("text", "依据", "Evidence")], body,
        note_zh=f"非合成记录，按专利数排序的前 {TOP_REAL} 位。",
        note_en=f"Real records only; top {TOP_REAL} by patents."))


SECTION = Section("zone_location", build, queries=("zone_location", "zone_location_real_applicants"),
                  sheets=("zone_location", "zone_real_applicants"))
