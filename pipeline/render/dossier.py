"""Applicant dossier pages (企业分析评议): one per leading applicant of each 片区 in the site, and a single
self-contained file on demand (`patentnav dossier NAME --output FILE.html`), stylesheet and script inlined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from markupsafe import Markup

from pipeline.errors import PatentNavError
from pipeline.render.context import (
    Page,
    SiteContext,
    load_industries,
    load_provenance,
    load_zones,
    query,
    site_tables,
)
from pipeline.render.sections.leading_applicants import dossier_slug
from pipeline.settings import Settings

TEMPLATE_DIR = Path(__file__).with_name("templates")


def dossier_page(entity_id: str, name: str) -> Page:
    return Page(dossier_slug(entity_id), f"{name} · 企业分析评议", f"{name} — applicant dossier", "CQ", "ALL",
                entity=entity_id)


def dossier_pages(con: duckdb.DuckDBPyConnection, ctx: SiteContext) -> list[Page]:
    """One page per applicant that leads any 片区 (an applicant leading two gets one page)."""
    if "mart.leading_applicant" not in ctx.tables:
        return []
    pages: dict[str, Page] = {}
    for zone in ctx.zones:
        for row in query(con, "leading_applicants", {"scope": zone}).iter_rows(named=True):
            pages.setdefault(row["entity_id"], dossier_page(row["entity_id"], row["display_name"]))
    return list(pages.values())


def find_applicant(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str]:
    """(entity_id, display name) of the applicant named exactly, else the one with most patents whose name
    contains it; PatentNavError when none does."""
    found = query(con, "dossier_entity", {"name": name.strip()})
    if not name.strip() or not found.height:
        raise PatentNavError(f"applicant not in the warehouse: {name}")
    row = found.row(0, named=True)
    return str(row["entity_id"]), str(row["display_name"])


def render_dossier(con: duckdb.DuckDBPyConnection, settings: Settings, name: str, output: Path) -> dict[str, Any]:
    """Write one applicant's dossier as a single offline HTML file (no exports, no external files)."""
    from pipeline.render.sections import PAGE_TYPES, all_sections
    from pipeline.render.site import guarded, template_environment

    tables = site_tables(con)
    entity_id, display_name = find_applicant(con, name)
    provenance = load_provenance(con, tables)
    cutoff = provenance["cutoff"]["cutoff_date"]
    ctx = SiteContext(settings, tables, load_zones(con, tables), load_industries(con, tables),
                      str(cutoff) if cutoff else "—", provenance, str(cutoff) if cutoff else "—",
                      output.parent)
    from pipeline.render.layout import page_layout

    page = dossier_page(entity_id, display_name)
    sections = all_sections()
    for section_name in PAGE_TYPES["dossier"]:
        guarded(ctx, page, sections[section_name], con)
    html = template_environment().get_template("page.html").render(
        page=page, **page_layout(page), nav=[], exports={"xlsx": None, "csv": []}, cutoff=ctx.cutoff,
        headline=settings.headline_threshold, sensitivity=settings.sensitivity_threshold, generated=ctx.generated,
        has_charts=False,
        inline_css=Markup((TEMPLATE_DIR / "site.css").read_text(encoding="utf-8")),  # noqa: S704 (our own file)
        inline_js=Markup((TEMPLATE_DIR / "site.js").read_text(encoding="utf-8")))  # noqa: S704 (our own file)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return {"entity_id": entity_id, "display_name": display_name, "sections": len(page.sections),
            "bytes": len(html.encode("utf-8")), "failures": ctx.failures}
