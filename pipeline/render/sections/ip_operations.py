"""知识产权运营 (IP operations): transfers, licences and pledges of a page's patents by year and type, and the top
counterparties on each side (who buys or licenses in, who sells or licenses out). When the data hold no such
events the section says so and names the columns they would come from, instead of an empty table."""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cards_section, cell, table_section

TYPES = (("transfer", "转让", "Transfers"), ("licence", "许可", "Licences"), ("pledge", "质押", "Pledges"))
DIRECTIONS = {"in": ("受让 / 被许可 / 质权方（买入、许可引进）", "Receiving side (buys, licenses in, lends)"),
              "out": ("转让 / 许可 / 出质方（卖出、许可输出）", "Granting side (sells, licenses out, pledges)")}
TOP_PARTIES = 10
SOURCES_ZH = ("事件来源：中文导出的「法律状态历史 / 法律事件 / INPADOC法律状态」列，"
              "以及「权利转移（转让）/ 许可 / 质押」列及其日期（转让执行日、许可生效日、"
              "质押生效日）和次数列，载入 core.legal_event；交易方来自「转让人、受让人、"
              "许可人、被许可人、出质人、质权人」列，载入 core.patent_detail.vendor_fields_json。"
              "EPO OPS 文件只保留最新一条法律事件的描述（core.patent.legal_status），不产生事件。")
SOURCES_EN = ("Events come from the Chinese exports' history columns (法律状态历史 / 法律事件 / INPADOC法律状态) and "
              "the 权利转移 (转让) / 许可 / 质押 columns with their dates and counts, loaded into core.legal_event; "
              "counterparties from the 转让人, 受让人, 许可人, 被许可人, 出质人, 质权人 columns, kept in "
              "core.patent_detail.vendor_fields_json. EPO OPS files keep only the latest legal event's description "
              "(core.patent.legal_status), no events.")


def _scope_label(ctx: SiteContext, code: str) -> dict[str, Any]:
    if code in ctx.zones:
        return cell(ctx.zones[code]["zh"], sub=ctx.zones[code]["en"])
    return cell({"CQ": "重庆全市", "ALL": "全部数据"}.get(code, code), sub={"CQ": "Chongqing", "ALL": "All data"}.get(
        code, ""))


def _no_events(con: Any, page: Page) -> None:
    sources = query(con, "ip_operations_sources").row(0, named=True)
    loaded, operations = int(sources["legal_events"] or 0), int(sources["operation_events"] or 0)
    if operations:
        zh = f"本范围的专利没有转让、许可或质押事件（全库共 {operations:,} 条运营事件）。"
        en = f"No transfer, licence or pledge events on this page's patents ({operations:,} in the whole warehouse)."
    else:
        zh = (f"载入的数据中没有转让、许可或质押事件（共 {loaded:,} 条法律事件，其中运营事件 0 条），"
              "因此无法统计知识产权运营。")
        en = (f"The loaded data hold no transfer, licence or pledge events ({loaded:,} legal events, none of them "
              "operations), so IP operations cannot be counted.")
    section = cards_section("ip_operations", "知识产权运营：转让、许可、质押",
                            "IP operations: transfers, licences, pledges",
                            [("0", "转让 / 许可 / 质押事件", "Transfer, licence, pledge events"),
                             (f"{loaded:,}", "已载入法律事件", "Legal events loaded")])
    section["note_zh"], section["note_en"] = zh + SOURCES_ZH, en + " " + SOURCES_EN
    page.sections.append(section)


def _by_year(ctx: SiteContext, page: Page, summary: pl.DataFrame) -> None:
    many_scopes = summary["scope_code"].n_unique() > 1
    rows = []
    for (scope, year), group in summary.group_by(["scope_code", "event_year"], maintain_order=True):
        counts = {r["operation_type"]: r for r in group.iter_rows(named=True)}
        row = [_scope_label(ctx, str(scope))] if many_scopes else []
        row.append(cell(year if year is not None else "无日期", sub="" if year is not None else "no date",
                        sort=year if year is not None else 0))
        for code, _zh, _en in TYPES:
            found = counts.get(code)
            row.append(cell(found["event_count"] if found else 0, num=True,
                            sort=found["event_count"] if found else 0,
                            sub=f"{found['patent_count']} 件 patents" if found else ""))
        rows.append(row)
    columns = ([("text", "范围", "Scope")] if many_scopes else []) + [("text", "年份", "Year")] + [
        ("number", f"{zh}事件", en) for _code, zh, en in TYPES]
    page.sections.append(table_section(
        "ip_operations", "知识产权运营：转让、许可、质押（按年份）",
        "IP operations: transfers, licences, pledges by year", columns, rows,
        note_zh="单元格为事件数，其下为涉及专利数；同一专利有法律状态历史时，"
                "不再重复计入其转让/许可/质押列。" + SOURCES_ZH,
        note_en="Cells count events, with the patents involved below; a patent's history events are not counted "
                "again from its transfer/licence/pledge columns. " + SOURCES_EN))


def _parties(con: Any, ctx: SiteContext, page: Page) -> None:
    scope = "CQ" if page.scope == "ALL" else page.scope
    parties = query(con, "ip_operations_parties", {"scope": scope, "industry": page.industry, "top_n": TOP_PARTIES})
    if not parties.height:
        return
    page.tables["ip_operation_parties"] = parties
    rows = [[cell(DIRECTIONS[r["direction"]][0], sub=DIRECTIONS[r["direction"]][1]),
             cell(r["party_rank"], num=True), cell(r["party"]), cell(r["party_role_zh"], sub=r["operation_type"]),
             cell(r["event_count"], num=True), cell(r["patent_count"], num=True)]
            for r in parties.iter_rows(named=True)]
    where = _scope_label(ctx, scope)["text"]
    page.sections.append(table_section(
        "ip_operation_parties", f"运营交易方（{where}，每方前 {TOP_PARTIES}）",
        f"Counterparties ({scope}, top {TOP_PARTIES} per side)",
        [("text", "方向", "Side"), ("number", "排名", "Rank"), ("text", "交易方", "Counterparty"),
         ("text", "角色", "Role"), ("number", "事件", "Events"), ("number", "专利", "Patents")], rows,
        sortable=False))


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    if "mart.ip_operation_summary" not in ctx.tables:
        return
    summary = query(con, "ip_operations", page.params)
    if not summary.height:
        if page.industry == "ALL":
            _no_events(con, page)
        return
    page.tables["ip_operation_summary"] = summary
    page.tables["ip_operation"] = query(con, "ip_operations_events", page.params)
    _by_year(ctx, page, summary)
    _parties(con, ctx, page)


SECTION = Section("ip_operations", build,
                  queries=("ip_operations", "ip_operations_parties", "ip_operations_events", "ip_operations_sources"),
                  sheets=("ip_operation_summary", "ip_operation", "ip_operation_parties"))
