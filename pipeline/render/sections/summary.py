"""Summary cards of a detail page: patents at the headline threshold (and what is synthetic)."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, query
from pipeline.render.sections import Section
from pipeline.render.widgets import cards_section, fmt_count


def set_synthetic_share(con: Any, page: Page) -> int:
    """The page's patent count; records which share of it comes from files marked synthetic."""
    counts = query(con, "summary", page.params).row(0, named=True)
    total, synthetic = int(counts["patent_count"] or 0), int(counts["synthetic_count"] or 0)
    page.synthetic_share = f"{100.0 * synthetic / total:.1f}%" if synthetic else ""
    return total


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    total = set_synthetic_share(con, page)
    section = cards_section("summary", "概要", "Summary",
                            [(fmt_count(total), "专利（≥阈值）", "Patents (≥ threshold)")])
    if not total:
        section["note_zh"] = "暂无达到阈值的专利：片区归属或产业标注尚未生成，或该范围确无数据。"
        section["note_en"] = ("No patents at the threshold yet: zone attribution or industry labels have "
                              "not been produced, or this scope has none.")
    page.sections.append(section)


SECTION = Section("summary", build, queries=("summary",))
