"""The 片区 report as a PDF (专利导航报告): the page's sections in print layout, printed by Debian's Chromium.

Layout after GB/T 39551-2020 (专利导航指南): a cover (scope, data cut-off, data sources, what is synthetic), the
contents, then the sections grouped into its parts — 产业现状, 技术发展, 创新主体, 布局建议 — numbered 1.1, 1.2 …,
every chart a numbered figure (图 n) and every table a numbered table (表 n) cut to REPORT_ROWS rows with a
pointer to the workbook sheet that holds the rest, and the provenance as an appendix. The same section builders
as the site fill the page, so the report and the site never disagree.

Printing: the HTML is written with the site's assets (the pinned Vega bundle, no CDN) into a scratch folder, opened
in headless Chromium through Playwright with every non-file request aborted, and printed once every chart has
rendered (site.js sets data-charts-ready). Chromium embeds the (subset) Noto CJK fonts it drew with. Every figure
and table is `break-inside: avoid`; each figure's caption and its source line below it carry its number, so a
figure cut across a page break shows up in `pdftotext` page by page (tests/browser/test_report_pdf.py).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.render.context import Page, SiteContext
from pipeline.render.exports import SHEET_NAMES_ZH

log = logging.getLogger(__name__)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
REPORT_ROWS = 15  # table rows printed; the workbook has them all
RENDER_TIMEOUT_MS = 60_000

# GB/T 39551-2020 parts and which site sections belong to each, in the report's order.
PARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("产业现状", "Industry status", ("zone-location", "zone-real-applicants", "trend", "lifecycle", "indicators",
                                   "high_value", "high_value_criteria",
                                   "ip_operations", "ip_operation_summary", "ip_operation_parties")),
    ("技术发展", "Technology development", ("ipc", "landscape", "tech_efficacy", "citations", "core-table",
                                         "main-path")),
    ("创新主体", "Innovators", ("applicants", "leading_applicants", "collaboration")),
    ("布局建议", "Layout recommendations", ("layout_directions", "signals")),
)
LEFT_OUT = frozenset({"tech_efficacy_patents", "patent-list", "patent-list-note"})  # in the workbook only
# Section id -> the workbook sheet with its full rows (the site's page.tables key).
SECTION_SHEETS = {"high_value": "high_value_indicator", "high_value_criteria": "high_value_criteria",
                  "leading_applicants": "leading_applicants", "layout_directions": "layout_directions",
                  "tech_efficacy": "tech_efficacy", "indicators": "indicators", "core-table": "core_patents",
                  "signals": "signals", "ip_operation_summary": "ip_operation_summary",
                  "ip_operation_parties": "ip_operation_parties", "applicants": "top_applicants", "ipc": "ipc",
                  "trend": "trend", "lifecycle": "lifecycle", "landscape": "landscape_points",
                  "citations": "core_patents", "main-path": "main_path", "collaboration": "collaboration",
                  "zone-location": "zone_location", "zone-real-applicants": "zone_real_applicants"}


def scope_page(ctx: SiteContext, scope: str) -> Page:
    """CQFTZ-LJ -> the 两江 page; CQFTZ-LJ-ELEC -> 两江 × 电子信息. Unknown scopes name the known ones."""
    from pipeline.errors import PatentNavError
    from pipeline.render.widgets import slug_for

    code = scope.strip().upper()
    for zone, names in ctx.zones.items():
        if code == zone:
            return Page(slug_for("zone", zone), names["zh"], names["en"], zone, "ALL")
        if code.startswith(zone + "-") and code[len(zone) + 1:] in ctx.industries:
            industry = code[len(zone) + 1:]
            ind = ctx.industries[industry]
            return Page(slug_for("zone", zone, industry), f"{names['zh']} · {ind['zh']}",
                        f"{names['en']} · {ind['en']}", zone, industry)
    known = ", ".join([*ctx.zones, *(f"{z}-{i}" for z in list(ctx.zones)[:1] for i in ctx.industries)])
    raise PatentNavError(f"unknown scope {scope!r}; use a 片区 code or 片区-industry, e.g. {known}")


def report_outline(page: Page) -> dict[str, Any]:
    """The page's sections arranged as the report: key figures, numbered parts, figures and tables, appendix."""
    from pipeline.render.layout import key_cards

    sections = {s["id"]: s for s in page.sections}
    key = None
    first = page.sections[0] if page.sections else None
    if first is not None and first["kind"] == "cards" and first.get("cards"):
        key = {**first, "cards": [*first["cards"], *key_cards(page)]}
    placed = {"provenance", *LEFT_OUT, *([first["id"]] if key and first else [])}
    parts: list[dict[str, Any]] = []
    figure = table = 0
    for number, (zh, en, ids) in enumerate(PARTS, start=1):
        items = []
        for section_id in ids:
            section = sections.get(section_id)
            if section is None or section_id in placed or section["kind"] not in {"chart", "table", "cards"}:
                continue
            placed.add(section_id)
            items.append(section)
        # Anything the page has that no part names still goes in (in the first part), never silently dropped.
        if number == 1:
            items += [s for s in page.sections if s["id"] not in placed and s["kind"] in {"chart", "table", "cards"}
                      and not any(s["id"] in p[2] for p in PARTS)]
            placed |= {s["id"] for s in items}
        entries = []
        part_number = len(parts) + 1  # parts with nothing on this page are left out, the rest numbered in order
        for index, section in enumerate(items, start=1):
            entry: dict[str, Any] = {"section": section, "number": f"{part_number}.{index}"}
            sheet = SECTION_SHEETS.get(section["id"])
            entry["sheet_zh"] = SHEET_NAMES_ZH.get(sheet, sheet) if sheet and sheet in page.tables else ""
            if section["kind"] == "chart":
                figure += 1
                entry["figure"] = figure
            elif section["kind"] == "table":
                table += 1
                entry["table"] = table
                entry["rows"] = section["rows"][:REPORT_ROWS]
                entry["cut"] = max(0, len(section["rows"]) - REPORT_ROWS)
            entries.append(entry)
        if entries:
            parts.append({"number": part_number, "zh": zh, "en": en, "entries": entries})
    return {"key": key, "parts": parts, "provenance": sections.get("provenance"), "figures": figure,
            "tables": table}


def report_html(ctx: SiteContext, page: Page, workbook: str) -> str:
    """The print layout of a built page (its sections already added by the section builders)."""
    from pipeline.render.site import template_environment

    outline = report_outline(page)
    files = page.files if page.cutoff else ctx.provenance.get("files", [])
    formats: dict[str, int] = {}
    for f in files:
        formats[str(f.get("format") or "—")] = formats.get(str(f.get("format") or "—"), 0) + 1
    return str(template_environment().get_template("report.html").render(
        page=page, **outline, cutoff=page.cutoff or ctx.cutoff, generated=page.cutoff or ctx.generated,
        workbook=workbook,
        headline=ctx.settings.headline_threshold, sensitivity=ctx.settings.sensitivity_threshold,
        sources={"files": len(files), "synthetic": sum(1 for f in files if f.get("is_synthetic")),
                 "formats": sorted(formats.items())},
        has_charts=any(e["section"]["kind"] == "chart" for p in outline["parts"] for e in p["entries"])))


class PdfPrinter:
    """One headless Chromium for a batch of reports; every request that is not file: is aborted."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def __enter__(self) -> PdfPrinter:
        from playwright.sync_api import sync_playwright

        if not CHROMIUM.exists():
            from pipeline.errors import PatentNavError

            raise PatentNavError("the PDF report needs Debian's chromium (apt-get install chromium fonts-noto-cjk)")
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def print_pdf(self, html: str, output: Path, title: str) -> dict[str, Any]:
        """Write html beside the site's assets in a scratch folder, wait for every chart, print A4 to output."""
        from pipeline.render.assets import write_assets

        started = time.monotonic()
        with _scratch() as folder:
            write_assets(folder)
            source = folder / "report.html"
            source.write_text(html, encoding="utf-8")
            context = self._browser.new_context(viewport={"width": 900, "height": 1200})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            tab = context.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(source.as_uri(), wait_until="load")
            if tab.locator(".chart").count():
                tab.wait_for_function("document.documentElement.hasAttribute('data-charts-ready')",
                                      timeout=RENDER_TIMEOUT_MS)
            tab.emulate_media(media="print")
            footer = ('<div style="font-size:7.5px;color:#666;width:100%;padding:0 14mm;display:flex;'
                      'justify-content:space-between;font-family:\'Noto Sans CJK SC\',sans-serif">'
                      f'<span>{_escape(title)}</span><span><span class="pageNumber"></span> / '
                      '<span class="totalPages"></span></span></div>')
            output.parent.mkdir(parents=True, exist_ok=True)
            partial = output.with_name(f".{output.name}.part")
            tab.pdf(path=str(partial), format="A4", print_background=True, display_header_footer=True,
                    header_template="<span></span>", footer_template=footer,
                    margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
            partial.replace(output)
            context.close()
        if errors:
            log.warning("%s: page errors while printing: %s", output.name, errors[:3])
        return {"pdf": str(output), "bytes": output.stat().st_size, "seconds": round(time.monotonic() - started, 2)}


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@contextmanager
def _scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="patentnav-report-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report_title(page: Page) -> str:
    return f"{page.title_zh} 专利导航报告"


def write_report(con: Any, settings: Any, scope: str, output: Path) -> dict[str, Any]:
    """`patentnav report --pdf`: build the scope's page from the warehouse and print its report to output."""
    from datetime import datetime

    from pipeline.render.context import load_industries, load_provenance, load_zones, site_tables
    from pipeline.render.site import build_page

    tables = site_tables(con)
    provenance = load_provenance(con, tables)
    cutoff = provenance["cutoff"]["cutoff_date"]
    ctx = SiteContext(settings, tables, load_zones(con, tables), load_industries(con, tables),
                      str(cutoff) if cutoff else "—", provenance, datetime.now().strftime("%Y-%m-%d %H:%M"),
                      output.parent)
    page = build_page(con, ctx, scope_page(ctx, scope), "detail")  # sets the page's own cut-off and files
    html = report_html(ctx, page, f"exports/{page.slug}.xlsx")
    with PdfPrinter() as printer:
        summary = printer.print_pdf(html, output, report_title(page))
    return {**summary, "scope": scope, "page": page.slug, "sections_failed": ctx.failures}
