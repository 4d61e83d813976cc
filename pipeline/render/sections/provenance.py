"""Provenance of every page: its cut-off (latest filing on the page), thresholds, reference-data and model versions,
what is synthetic, the source files of its patents (the overview: every loaded file)."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext
from pipeline.render.sections import Section

MAX_PROVENANCE_FILES = 100  # per page; the overview exports the full manifest


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    p = ctx.provenance
    files = page.files if page.cutoff else p["files"]
    libraries = ", ".join(f"{k} {v}" for k, v in p["libraries"].items())
    items = [
        ("数据截止日期", "Data cut-off", page.cutoff or ctx.cutoff),
        ("片区归属阈值", "Zone threshold",
         f"≥ {ctx.settings.headline_threshold} (sensitivity ≥ {ctx.settings.sensitivity_threshold})"),
        ("地名库版本", "Gazetteer version", p["gazetteer"] or "—"),
        ("产业分类版本", "Taxonomy version", p["taxonomy"] or "—"),
        ("模型版本", "Model version", p["model"] or "—"),
        ("合成数据", "What is synthetic",
         (f"{page.synthetic_share} of this page's patents come from files marked synthetic (below)"
          if page.synthetic_share else "none on this page")),
        ("图表库", "Chart libraries", libraries),
        ("源文件数", "Source files", f"{len(files):,}" + (
            f" (first {MAX_PROVENANCE_FILES} listed; all in the overview's source_files export)"
            if len(files) > MAX_PROVENANCE_FILES else "")),
    ]
    page.sections.append({"id": "provenance", "kind": "provenance", "title_zh": "数据来源与说明",
                          "title_en": "Provenance",
                          "items": [{"zh": zh, "en": en, "value": value} for zh, en, value in items],
                          "files": files[:MAX_PROVENANCE_FILES]})


SECTION = Section("provenance", build)
