"""每万人口有效发明专利 and 每万人口高价值发明专利 per 片区 and district, and which CNIPA criteria were evaluated."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

COLUMNS = [("text", "片区 / 区县", "Area / district"), ("number", "有效发明专利", "Inventions in force"),
           ("number", "其中推定有效", "of which presumed"), ("number", "其中合成数据", "of which synthetic"),
           ("number", "高价值发明专利", "High-value inventions"),
           ("number", "调整前（过渡版战新参照表）", "Before (interim SEI table)"),
           ("number", "高价值占比 %", "High-value share %"),
           ("number", "人口", "Population"), ("number", "每万人口有效发明专利", "In force per 10k residents"),
           ("number", "每万人口高价值发明专利", "High-value per 10k residents")]
CRITERIA_COLUMNS = [("text", "标准", "Criterion"), ("text", "已评估", "Evaluated"),
                    ("number", "有数据的专利", "Patents with data"), ("number", "符合", "Met"),
                    ("number", "调整前", "Before (interim SEI table)"), ("text", "说明", "Note")]


def _reference_note(con: Any, ctx: SiteContext) -> tuple[str, str]:
    """The national reference figures and the SEI concordance version, for the notes under the tables."""
    if "mart.high_value_reference" not in ctx.tables:
        return "", ""
    refs = list(query(con, "high_value_reference").iter_rows(named=True))
    if not refs:
        return "", ""
    zh = "；".join(f"{r['name_zh']} {r['value']:g}{r['unit']}（{r['as_of']}，来源：{r['source']}）"
                  for r in refs if r["value"] is not None)
    en = "; ".join(f"{r['name_en']}: {r['value']:g} {r['unit']} ({r['as_of']}; source: {r['source']})"
                   for r in refs if r["value"] is not None)
    version = refs[0]["concordance_version"]
    return (f" 全国参照：{zh}。战略性新兴产业标准所用参照表：{version}。",
            f" National reference: {en}. SEI criterion concordance: {version}.")


def _per_10k(value: float | None) -> dict[str, Any]:
    return cell(f"{value:.2f}" if value is not None else "—", sort=value, num=True)


def _area_label(ctx: SiteContext, row: dict[str, Any]) -> dict[str, Any]:
    code = row["area_code"]
    if code in ctx.zones:
        return cell(ctx.zones[code]["zh"], sub=f"{ctx.zones[code]['en']} · 片区人口无官方数据 no official population")
    return cell(row["name_zh"] or code, sub=code)


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.high_value_indicator" not in ctx.tables or page.industry != "ALL":
        return
    areas = query(con, "high_value")
    if page.scope in ctx.zones:
        areas = areas.filter(areas["area_code"] == page.scope)
    if not areas.height:
        return
    page.tables["high_value_indicator"] = areas
    rows = [[_area_label(ctx, r), cell(r["valid_invention_count"], sort=r["valid_invention_count"], num=True),
             cell(r["valid_presumed_count"], sort=r["valid_presumed_count"], num=True),
             cell(r["synthetic_count"], sort=r["synthetic_count"], num=True),
             cell(r["high_value_count"], sort=r["high_value_count"], num=True),
             cell(r["high_value_count_interim"], sort=r["high_value_count_interim"], num=True),
             cell(f"{r['high_value_share_pct']:.1f}" if r["high_value_share_pct"] is not None else "—",
                  sort=r["high_value_share_pct"], num=True),
             cell(f"{r['population']:,.0f}" if r["population"] else "—", sort=r["population"], num=True),
             _per_10k(r["valid_per_10k"]), _per_10k(r["high_value_per_10k"])] for r in areas.iter_rows(named=True)]
    reference_zh, reference_en = _reference_note(con, ctx)
    page.sections.append(table_section(
        "high_value", "每万人口有效发明专利与高价值发明专利拥有量",
        "Inventions in force and high-value inventions per 10,000 residents", COLUMNS, rows,
        note_zh="仅计有效（未失效）的中国发明专利；无法律状态的已授权专利自申请日起20年内推定有效。高价值按国家知识产权局"
                "口径（战略性新兴产业、海外同族授权、维持超10年、质押、获奖，满足其一）。片区无官方人口，只列件数与占比。"
                + reference_zh,
        note_en="CN invention patents in force only; a grant with no legal status is presumed in force for 20 years "
                "from filing. High value per CNIPA (strategic emerging industry, granted abroad, maintained > 10 "
                "years, pledged, award: any one). 片区 have no official population: counts and share only."
                + reference_en))
    if "mart.high_value_criterion" not in ctx.tables:
        return
    criteria = query(con, "high_value_criteria")
    page.tables["high_value_criteria"] = criteria
    crit_rows = [[cell(r["name_zh"], sub=r["name_en"]),
                  cell("是 yes" if r["is_evaluable"] else "否 no — 缺数据 no data"),
                  cell(r["patents_with_data"], sort=r["patents_with_data"], num=True),
                  cell(r["met_count"], sort=r["met_count"], num=True),
                  cell(r["met_count_interim"], sort=r["met_count_interim"], num=True),
                  cell(r["note_zh"], sub=r["note_en"])] for r in criteria.iter_rows(named=True)]
    page.sections.append(table_section(
        "high_value_criteria", "高价值专利认定标准：哪些可评估", "High-value criteria: which could be evaluated",
        CRITERIA_COLUMNS, crit_rows, sortable=False,
        note_zh=f"在有效发明专利中满足各标准的件数，调整前后对照（调整前 = 过渡版战新参照表）。{reference_zh}",
        note_en=f"In-force inventions meeting each criterion, before and after (before = interim SEI table)."
                f"{reference_en}"))


SECTION = Section("high_value", build, queries=("high_value", "high_value_criteria", "high_value_reference"),
                  sheets=("high_value_indicator", "high_value_criteria"))
