"""Ranking bar charts (top applicants, IPC subclasses): one query, one bar chart, one sheet."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext, prepare_once, query
from pipeline.render.sections import Section
from pipeline.render.widgets import chart_section


def ranking_section(name: str, section_id: str, title: tuple[str, str], axes: tuple[str, str], sheet: str,
                    limit: int, prepare: str | None = None) -> Section:
    """A section drawing sql/site/<name>.sql (label, value rows, most first) as a bar ranking; prepare names a
    sql/site statement run once per render before the first page's query (a temp table the query reads)."""

    def build(con: Any, ctx: SiteContext, page: Page) -> None:
        from pipeline.render import charts

        if prepare is not None:
            prepare_once(con, ctx.cache, prepare)
        ranking = query(con, name, {**page.params, "limit": limit})
        if ranking.height:
            page.tables[sheet] = ranking
            page.sections.append(chart_section(section_id, *title, charts.bar_ranking_chart(ranking, *axes)))

    return Section(name, build, queries=(*((prepare,) if prepare else ()), name), sheets=(sheet,))
