"""Applicant dossier (企业分析评议): portfolio over time by type and industry, IPC profile, core patents with
citations in and out, co-applicants, overseas families, legal status, operations events, high-value count,
the evidence for its location, and its position against peers of its main industry."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cards_section, cell, patent_office_url, table_section

STATUS_NAMES = {"in_force": "有效 in force", "lapsed": "失效 lapsed", "pending": "审中 pending"}
TYPE_NAMES = {"invention": "发明 invention", "utility_model": "实用新型 utility model", "design": "外观设计 design"}


def _count_table(frame: pl.DataFrame, by: str, label: str) -> pl.DataFrame:
    return frame.group_by(by).agg(pl.len().alias("patents")).sort(["patents", by], descending=[True, False]).rename(
        {by: label})


def set_synthetic_share(frame: pl.DataFrame, page: Page) -> None:
    """The 合成数据/SYNTHETIC banner when any of the applicant's patents comes from a file marked synthetic."""
    synthetic = int(frame["is_synthetic"].fill_null(False).sum())
    page.synthetic_share = f"{100.0 * synthetic / frame.height:.1f}%" if synthetic else ""


def summary(frame: pl.DataFrame, page: Page) -> None:
    def total(column: str) -> int:
        return int(frame.select(pl.col(column).fill_null(0).sum()).item() or 0)

    in_force = frame.filter(pl.col("status") == "in_force").height
    cards = [(f"{frame.height:,}", "专利", "Patents"),
             (f"{frame.filter(pl.col('patent_type') == 'invention').height:,}", "发明专利", "Inventions"),
             (f"{in_force:,}", "有效（发明）", "In force (inventions)"),
             (f"{int(frame['is_high_value'].sum()):,}", "高价值发明专利", "High-value inventions"),
             (f"{frame.filter(pl.col('overseas_members') > 0).height:,}", "有海外同族", "With overseas family"),
             (f"{total('operations_events'):,}", "转让/许可/质押事件", "Transfers, licences, pledges"),
             (f"{total('forward_citations'):,} / {total('backward_citations'):,}", "被引 / 引用",
              "Cited by / cites")]
    page.sections.append(cards_section("dossier_summary", "企业概况", "Applicant at a glance", cards))


def portfolio(ctx: SiteContext, frame: pl.DataFrame, page: Page) -> None:
    years = frame.group_by("filing_year").agg(
        pl.len().alias("patents"),
        *(pl.col("patent_type").eq(t).sum().alias(t) for t in TYPE_NAMES),
        pl.col("is_high_value").sum().alias("high_value")).sort("filing_year", descending=True)
    page.tables["dossier_portfolio"] = years
    rows = [[cell(r["filing_year"] or "—"), cell(r["patents"], num=True), *(cell(r[t], num=True) for t in TYPE_NAMES),
             cell(r["high_value"], num=True)] for r in years.iter_rows(named=True)]
    page.sections.append(table_section(
        "dossier_portfolio", "专利布局时序（按申请年、类型）", "Portfolio over time (filing year, type)",
        [("text", "申请年", "Filing year"), ("number", "专利", "Patents"),
         *(("number", n.split(" ")[0], n.split(" ", 1)[1]) for n in TYPE_NAMES.values()),
         ("number", "高价值", "High value")], rows, sortable=False))
    industries = _count_table(frame.with_columns(pl.col("industry_code").fill_null("—")), "industry_code", "industry")
    ipc = _count_table(frame.with_columns(pl.col("ipc_subclass").fill_null("—")), "ipc_subclass", "ipc_subclass")
    page.tables["dossier_industry"], page.tables["dossier_ipc"] = industries, ipc
    names = ctx.industries
    page.sections.append(table_section(
        "dossier_industry", "产业分布", "Industries",
        [("text", "产业", "Industry"), ("number", "专利", "Patents")],
        [[cell(names.get(r["industry"], {}).get("zh", r["industry"]), sub=names.get(r["industry"], {}).get("en", "")),
          cell(r["patents"], num=True)] for r in industries.iter_rows(named=True)], sortable=False))
    page.sections.append(table_section(
        "dossier_ipc", "IPC 构成（主分类小类，前 15）", "IPC profile (main subclass, top 15)",
        [("text", "IPC 小类", "IPC subclass"), ("number", "专利", "Patents")],
        [[cell(r["ipc_subclass"]), cell(r["patents"], num=True)] for r in ipc.head(15).iter_rows(named=True)],
        sortable=False))


def core_patents(frame: pl.DataFrame, page: Page) -> None:
    top = frame.head(20)
    rows = [[cell(r["patent_id"], href=patent_office_url(r["patent_id"]), sub=str(r["filing_year"] or "")),
             cell(r["title"]), cell(TYPE_NAMES.get(r["patent_type"] or "", r["patent_type"] or "—")),
             cell(STATUS_NAMES.get(r["status"] or "", r["status"] or "—")),
             cell("是 yes" if r["is_high_value"] else "", sub=r["high_value_reasons"] or ""),
             cell(r["forward_citations"] or 0, num=True), cell(r["backward_citations"] or 0, num=True),
             cell(r["overseas_members"], num=True),
             cell(f"{r['core_score']:.0f}" if r["core_score"] is not None else "—", num=True)]
            for r in top.iter_rows(named=True)]
    page.tables["dossier_patents"] = frame
    page.sections.append(table_section(
        "dossier_patents", "核心专利（按核心度，前 20）", "Core patents (by core score, top 20)",
        [("text", "专利号", "Patent"), ("text", "标题", "Title"), ("text", "类型", "Type"),
         ("text", "法律状态", "Legal status"), ("text", "高价值", "High value"), ("number", "被引", "Cited by"),
         ("number", "引用", "Cites"), ("number", "海外同族", "Overseas family"), ("number", "核心度", "Core score")],
        rows, sortable=False, note_zh="完整专利清单见导出的 dossier_patents 表。",
        note_en="The dossier_patents export lists every patent."))


def relations(con: Any, ctx: SiteContext, page: Page) -> None:
    location = query(con, "dossier_location", page.params) if "enrich.patent_location" in ctx.tables else None
    if location is not None and location.height:
        page.tables["dossier_location"] = location
        page.sections.append(table_section(
            "dossier_location", "地址与片区归属依据", "Evidence for its location",
            [("text", "片区", "Zone"), ("text", "规则", "Rule"), ("number", "置信度", "Confidence"),
             ("text", "匹配的地址文字", "Matched address text"), ("number", "专利", "Patents")],
            [[cell(ctx.zones.get(r["zone_code"] or "", {}).get("zh", r["zone_code"] or "—")), cell(r["rule"]),
              cell(r["confidence"], num=True), cell(r["matched_text"] or "—"), cell(r["patent_count"], num=True)]
             for r in location.iter_rows(named=True)], sortable=False))
    partners = query(con, "dossier_coapplicants", page.params)
    if partners.height:
        page.tables["dossier_coapplicants"] = partners
        page.sections.append(table_section(
            "dossier_coapplicants", "合作申请人", "Co-applicants",
            [("text", "申请人", "Applicant"), ("number", "共同专利", "Shared patents")],
            [[cell(r["display_name"]), cell(r["shared_patents"], num=True)] for r in partners.iter_rows(named=True)],
            sortable=False))
    peers = query(con, "dossier_peers", page.params)
    if peers.height:
        page.tables["dossier_peers"] = peers
        industry = ctx.industries.get(peers["industry_code"][0], {})
        page.sections.append(table_section(
            "dossier_peers", f"同业对标：重庆{industry.get('zh', '')}产业申请人排名",
            f"Position against peers: applicants in {industry.get('en', '')}, Chongqing",
            [("number", "排名", "Rank"), ("text", "申请人", "Applicant"), ("number", "专利", "Patents")],
            [[cell(r["industry_rank"], num=True), cell(("▶ " if r["is_self"] else "") + r["display_name"]),
              cell(r["patent_count"], num=True)] for r in peers.iter_rows(named=True)], sortable=False))


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if not page.entity:
        return
    frame = query(con, "dossier_patents", page.params)
    if not frame.height:
        return
    set_synthetic_share(frame, page)
    summary(frame, page)
    portfolio(ctx, frame, page)
    core_patents(frame, page)
    relations(con, ctx, page)


SECTION = Section("dossier", build,
                  queries=("dossier_patents", "dossier_location", "dossier_coapplicants", "dossier_peers"),
                  sheets=("dossier_portfolio", "dossier_industry", "dossier_ipc", "dossier_patents",
                          "dossier_location", "dossier_coapplicants", "dossier_peers"))
