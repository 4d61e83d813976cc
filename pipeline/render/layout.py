"""How a page leads: its key figures first, then a table of contents, then the sections folded.

The first section of a page, when it is a row of cards (概要, 核心指标, a dossier's summary), is the page's key
figures: drawn above the contents, never folded, and given more cards from what the other sections put in
page.tables. Every other section folds (<details>); OPEN_BY_DEFAULT stay open, the reader opens the rest from the
contents or a link (site.js keeps the open ones in the URL hash: #open=trend,landscape). Tables longer than
PAGE_ROWS show PAGE_ROWS rows with a filter box and "show all".
"""

from __future__ import annotations

from typing import Any

import polars as pl

from pipeline.render.context import Page

PAGE_ROWS = 25
OPEN_BY_DEFAULT = frozenset({"trend"})


def _count(frame: pl.DataFrame, column: str, **where: str) -> int:
    for key, value in where.items():
        frame = frame.filter(pl.col(key) == value)
    return int(frame[column].sum() or 0) if frame.height else 0


def key_cards(page: Page) -> list[dict[str, str]]:
    """Key figures the page's own tables give: inventions' share, the last five years, the leading applicant,
    high-value inventions. Each only when its table is on the page."""
    cards: list[dict[str, str]] = []
    located = page.tables.get("zone_location")
    if located is not None and located.height and {"real_count", "synthetic_count"} <= set(located.columns):
        real, synthetic = int(located["real_count"].sum() or 0), int(located["synthetic_count"].sum() or 0)
        if real + synthetic:
            share = f"{100.0 * real / (real + synthetic):.1f}%"
            cards.append({"value": f"{real:,}", "zh": f"真实记录（{share}，其余为合成）",
                          "en": f"Real records ({share}; the rest synthetic)"})
    trend = page.tables.get("trend")
    if trend is not None and trend.height and {"filing_year", "patent_type", "count"} <= set(trend.columns):
        total = _count(trend, "count")
        inventions = _count(trend, "count", patent_type="invention")
        last = int(trend.select(pl.col("filing_year").max()).item() or 0)
        recent = int(trend.filter(pl.col("filing_year") > last - 5)["count"].sum() or 0)
        if total:
            cards.append({"value": f"{100.0 * inventions / total:.0f}%", "zh": "发明专利占比",
                          "en": "Share of inventions"})
            cards.append({"value": f"{recent:,}", "zh": f"近五年申请（{last - 4}–{last}）",
                          "en": f"Filed {last - 4}–{last}"})
    top = page.tables.get("top_applicants")
    if top is not None and top.height and "label" in top.columns:
        row = top.row(0, named=True)
        count = int(row.get("count") or 0)
        cards.append({"value": str(row["label"]), "small": "1", "zh": f"申请量第一（{count:,} 件）",
                      "en": f"Most applications ({count:,})"})
    high_value = page.tables.get("high_value_indicator")
    if high_value is not None and high_value.height and "high_value_count" in high_value.columns:
        area = high_value.filter(pl.col("area_code") == page.scope) if page.scope != "ALL" else high_value.clear()
        if area.height:
            cards.append({"value": f"{int(area['high_value_count'][0] or 0):,}", "zh": "高价值发明专利",
                          "en": "High-value inventions"})
    return cards


def page_layout(page: Page) -> dict[str, Any]:
    """What page.html needs beyond the sections: the key figures, the folded sections, the contents."""
    sections = list(page.sections)
    key = None
    if sections and sections[0]["kind"] == "cards" and sections[0].get("cards"):
        key = {**sections[0], "cards": [*sections[0]["cards"], *key_cards(page)]}
        sections = sections[1:]
    toc = [{"id": s["id"], "title_zh": s["title_zh"], "title_en": s["title_en"],
            "rows": f"{len(s['rows']):,}" if s["kind"] == "table" and len(s["rows"]) > PAGE_ROWS else ""}
           for s in sections]
    return {"key": key, "sections": sections, "toc": toc, "open_ids": OPEN_BY_DEFAULT, "page_rows": PAGE_ROWS}
