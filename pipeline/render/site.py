"""Render the offline bilingual site from the marts and publish it atomically.

Pages: index (FTZ overview), one per 片区, one per 片区 × industry, one per industry Chongqing-wide. Each page
type lists its sections (pipeline/render/sections/); a section renders only when its tables hold rows for the
page, and a section that fails is left out and listed in the render summary rather than taking the site down.
"""

from __future__ import annotations

import contextlib
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb

from pipeline.render.carry import page_fingerprint
from pipeline.render.context import (
    Page,
    SiteContext,
    load_industries,
    load_page_provenance,
    load_provenance,
    load_zones,
    query,
    site_tables,
)
from pipeline.render.publish import build_and_publish
from pipeline.render.sections import PAGE_TYPES, Section, all_sections
from pipeline.render.widgets import slug_for
from pipeline.settings import Settings

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5 * 1024 * 1024
TEMPLATE_DIR = Path(__file__).with_name("templates")


def guarded(ctx: SiteContext, page: Page, section: Section, con: duckdb.DuckDBPyConnection) -> None:
    """Build one section; a table another feature is still reshaping must not take the whole site down."""
    started = time.monotonic()
    try:
        section.build(con, ctx, page)
    except (duckdb.Error, KeyError, TypeError, ValueError) as exc:
        log.warning("%s: section %s skipped: %s", page.slug, section.name, exc)
        ctx.failures.append(f"{page.slug}:{section.name}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        ctx.section_seconds[section.name] = ctx.section_seconds.get(section.name, 0.0) + time.monotonic() - started


def build_page(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page, page_type: str) -> Page:
    sections = all_sections()
    load_page_provenance(con, ctx, page)
    for name in PAGE_TYPES[page_type]:
        guarded(ctx, page, sections[name], con)
    return page


def plan_pages(con: duckdb.DuckDBPyConnection, ctx: SiteContext) -> list[Page]:
    """Zone pages always (all three 片区 appear even when empty); zone × industry and industry pages with data."""
    present = {(s, i) for s, i in query(con, "pages").iter_rows()}
    pages = [Page(slug_for("zone", z), n["zh"], n["en"], z, "ALL") for z, n in ctx.zones.items()]
    for zone, names in ctx.zones.items():
        for industry, ind in ctx.industries.items():
            if (zone, industry) in present:
                pages.append(Page(slug_for("zone", zone, industry), f"{names['zh']} · {ind['zh']}",
                                  f"{names['en']} · {ind['en']}", zone, industry))
    for industry, ind in ctx.industries.items():
        pages.append(Page(slug_for("industry", industry), f"重庆{ind['zh']}产业", f"{ind['en']} in Chongqing",
                          "CQ", industry))
    return pages


def template_environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True)


def navigation(ctx: SiteContext) -> list[dict[str, str]]:
    links = [{"href": f"{slug_for('zone', z)}.html", "zh": n["zh"], "en": n["en"]} for z, n in ctx.zones.items()]
    links += [{"href": f"{slug_for('industry', i)}.html", "zh": n["zh"], "en": n["en"]}
              for i, n in ctx.industries.items()]
    return links


def write_page(env: Any, ctx: SiteContext, page: Page, nav: list[dict[str, str]], pdf: str | None = None) -> int:
    from pipeline.render.exports import write_page_exports
    from pipeline.render.layout import page_layout

    cutoff = page.cutoff or ctx.cutoff
    exports = {**write_page_exports(ctx.out_dir, page.slug, page.tables, cutoff), "pdf": pdf}
    html = env.get_template("page.html").render(
        page=page, **page_layout(page), nav=nav, exports=exports, cutoff=cutoff,
        headline=ctx.settings.headline_threshold, sensitivity=ctx.settings.sensitivity_threshold,
        generated=cutoff, has_charts=any(s["kind"] == "chart" for s in page.sections))
    data = html.encode("utf-8")
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"{page.slug}.html would be {len(data):,} bytes (> 5 MB); lower MAX_POINTS")
    (ctx.out_dir / f"{page.slug}.html").write_bytes(data)
    return len(data)


def build_site(con: duckdb.DuckDBPyConnection, settings: Settings, out_dir: Path) -> dict[str, Any]:
    """Write every page, the assets and the exports into out_dir; return page sizes. A page whose fingerprint
    is the one the live site was rendered from is carried over from it (pipeline/render/carry.py)."""
    from pipeline.render.assets import write_assets
    from pipeline.render.carry import Carry

    tables = site_tables(con)
    provenance = load_provenance(con, tables)
    cutoff_value = provenance["cutoff"]["cutoff_date"]
    cutoff = str(cutoff_value) if cutoff_value else "—"
    ctx = SiteContext(settings, tables, load_zones(con, tables), load_industries(con, tables), cutoff, provenance,
                      cutoff, out_dir)
    asset_sizes = write_assets(out_dir)
    env = template_environment()
    nav = navigation(ctx)
    key = site_key(ctx, nav)
    carry = Carry.open(settings.site_dir, out_dir)
    ctx.pages = plan_pages(con, ctx)
    sizes = {}
    reports: dict[str, Any] = {}
    seconds = {"build": 0.0, "write": 0.0, "print": 0.0}
    # One page is written (HTML, workbook, CSVs: polars and zlib, mostly outside the GIL) while the next is built
    # (its queries in DuckDB); PDFs are printed here, on the thread that started Chromium.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render-write")
    pending: list[Future[None]] = []

    def write(page: Page, fingerprint: str, pdf: str | None, complete: bool) -> None:
        started = time.monotonic()
        sizes[f"{page.slug}.html"] = write_page(env, ctx, page, nav, pdf)
        carry.record(page.slug, fingerprint, complete=complete)
        page.sections, page.tables = [], {}  # a 1M-patent page's rows are not kept past its files
        seconds["write"] += time.monotonic() - started

    def publish(page: Page, page_type: str, stack: contextlib.ExitStack | None = None) -> None:
        started = time.monotonic()
        build_page(con, ctx, page, page_type)
        fingerprint = page_fingerprint(page, key)
        carried = carry.take(page.slug, fingerprint)
        seconds["build"] += time.monotonic() - started
        if carried is not None:
            sizes[f"{page.slug}.html"] = carried
            page.sections, page.tables = [], {}
            return
        pdf = None
        wants_pdf = stack is not None and settings.report_pdf and page.scope in ctx.zones and page.industry == "ALL"
        if wants_pdf and stack is not None:
            started = time.monotonic()
            pdf = print_zone_report(ctx, page, stack, reports)
            seconds["print"] += time.monotonic() - started
        if len(pending) > 0:
            pending.pop().result()  # at most one page waits to be written
        pending.append(writer.submit(write, page, fingerprint, pdf, pdf is not None or not wants_pdf))

    try:
        with contextlib.ExitStack() as stack:
            for page in ctx.pages:
                publish(page, "detail", stack)
        from pipeline.render.dossier import dossier_pages

        for page in dossier_pages(con, ctx):
            publish(page, "dossier")
        publish(Page("index", "重庆自贸试验区专利导航总览", "Chongqing FTZ patent navigation — overview", "ALL",
                     "ALL"), "index")
        for future in pending:
            future.result()
    finally:
        writer.shutdown(wait=True)
    return {"pages": len(sizes), "page_bytes": sizes, "max_page_bytes": max(sizes.values()),
            "asset_bytes": asset_sizes, "sections_failed": ctx.failures, "reports": reports, **carry.save(),
            **{f"{phase}_seconds": round(value, 2) for phase, value in seconds.items()},
            "slowest_sections": {name: round(value, 2) for name, value in sorted(
                ctx.section_seconds.items(), key=lambda item: -item[1])[:8]}}


def site_key(ctx: SiteContext, nav: list[dict[str, str]]) -> str:
    """What every page depends on besides its own rows: the render code and templates, the navigation, the
    thresholds, whether report PDFs are printed, and the library versions."""
    import hashlib
    import json

    from pipeline.render.carry import render_code_version

    digest = hashlib.sha256(render_code_version().encode())
    digest.update(json.dumps([nav, ctx.zones, ctx.industries, ctx.settings.headline_threshold,
                              ctx.settings.sensitivity_threshold, bool(ctx.settings.report_pdf),
                              ctx.provenance.get("libraries"), ctx.provenance.get("gazetteer"),
                              ctx.provenance.get("taxonomy"), ctx.provenance.get("model")],
                             sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def print_zone_report(ctx: SiteContext, page: Page, stack: contextlib.ExitStack, reports: dict[str, Any]
                      ) -> str | None:
    """Print the 片区 page's report into exports/<slug>-report.pdf (one Chromium for the whole render, started on
    first use); the page's href to it, or None when it could not be printed (logged and kept as reports["failed"],
    never fatal: the site publishes without the PDFs)."""
    from pipeline.render.report_pdf import PdfPrinter, report_html, report_title

    if ctx.cache.get("printer_failed"):
        return None
    name = f"exports/{page.slug}-report.pdf"
    try:
        if "printer" not in ctx.cache:
            ctx.cache["printer"] = stack.enter_context(PdfPrinter())
        html = report_html(ctx, page, f"exports/{page.slug}.xlsx")
        reports[page.slug] = ctx.cache["printer"].print_pdf(html, ctx.out_dir / name, report_title(page))
    except Exception as exc:  # no Chromium, no playwright, a print timeout: the site still publishes
        log.warning("%s: report PDF not printed: %s", page.slug, exc)
        reports["failed"] = f"{page.slug}: {type(exc).__name__}: {str(exc)[:200]}"
        ctx.cache["printer_failed"] = True
        return None
    return name


def render_site(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Render the whole site into a temp dir beside settings.site_dir, then publish it atomically."""
    started = time.monotonic()
    summary = build_and_publish(settings.site_dir, lambda staging: build_site(con, settings, staging))
    return {**summary, "site": str(settings.site_dir / "index.html"),
            "seconds": round(time.monotonic() - started, 2)}
