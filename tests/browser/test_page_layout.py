"""Pages that lead, graphs that speak, finding an applicant — in Debian's Chromium (every non-file request
aborted), at the analyst's 1400×900 screen. Asserted from the DOM: the first screen shows the key figures and the
contents; a folded page is at most MAX_FOLDED_HEIGHT tall; a contents link opens its section and the hash keeps it
open across a reload; a long table shows 25 rows, filters and shows all; a tech-efficacy cell opens its patents;
the collaboration network's labels and the life-cycle's year labels are there and never overlap; the applicant
search highlights nodes; the patent list filters by year. Screenshots: output/browser/ (git-ignored)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from label_geometry import BOXES_JS, overlaps

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[2] / "output" / "browser"
VIEWPORT = {"width": 1400, "height": 900}
MAX_FOLDED_HEIGHT = 3000

@pytest.fixture(scope="module")
def browser() -> Any:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium missing: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport=VIEWPORT)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        yield context
        chromium.close()


def open_page(context: Any, url: str) -> tuple[Any, list[str]]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    if page.locator(".chart").count():
        page.wait_for_function("document.documentElement.hasAttribute('data-charts-ready')", timeout=5000)
    return page, errors


def test_every_page_leads_with_key_figures_and_contents_and_folds_short(built_site: tuple[Path, Path],
                                                                       browser: Any) -> None:
    site, _ = built_site
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    pages = sorted(p for p in site.glob("*.html") if not p.name.startswith("dossier"))
    for html in pages:
        page, errors = open_page(browser, html.as_uri())
        for selector in (".key-figures .card", "nav.toc li"):
            box = page.locator(selector).first.bounding_box()
            if box is None or box["y"] + box["height"] > VIEWPORT["height"]:
                problems.append(f"{html.name}: {selector} not on the first screen ({box})")
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > MAX_FOLDED_HEIGHT:
            problems.append(f"{html.name}: {height}px tall with sections folded")
        if errors:
            problems.append(f"{html.name}: {errors}")
        page.close()
    # A contents link opens its section and writes it into the hash; a reload (or a shared link) keeps it open.
    page, _ = open_page(browser, (site / "zone-cqftz-lj.html").as_uri())
    page.screenshot(path=str(SHOTS / "layout-zone-cqftz-lj.png"), full_page=True)
    assert not page.locator("#core-table details").evaluate("d => d.open")
    page.click("nav.toc a[href='#core-table']")
    assert page.locator("#core-table details").evaluate("d => d.open")
    assert "core-table" in page.evaluate("location.hash")
    page.reload()
    page.wait_for_function("document.documentElement.hasAttribute('data-charts-ready')", timeout=5000)
    assert page.locator("#core-table details").evaluate("d => d.open")
    assert page.locator("#core-table th").first.is_visible()
    page.click("[data-fold-all=open]")
    assert page.locator("section.fold > details:not([open])").count() == 0
    page.close()
    assert not problems, "\n".join(problems)


def test_long_tables_page_filter_show_all_and_a_matrix_cell_opens_its_patents(tmp_path: Path, browser: Any) -> None:
    from markupsafe import Markup

    from pipeline.render.context import Page
    from pipeline.render.layout import page_layout
    from pipeline.render.site import TEMPLATE_DIR, template_environment
    from pipeline.render.widgets import cards_section, cell, table_section

    page = Page("t", "测试", "Test", "CQFTZ-LJ", "ALL")
    page.sections.append(cards_section("summary", "概要", "Summary", [("60", "专利", "Patents")]))
    page.sections.append(table_section("matrix", "矩阵", "Matrix", [("text", "分支", "Branch"), ("number", "A", "A")],
                                       [[cell("B1"), cell(3, href="#te-1-a")], [cell("B2"), cell(2, href="#te-2-a")]]))
    listed = [[cell(f"B{g}" if n == 0 else "", anchor=f"te-{g}-a" if n == 0 else "", group=f"te-{g}-a"),
               cell(f"CN{g}{n}A")] for g, count in ((1, 3), (2, 2)) for n in range(count)]
    page.sections.append(table_section("cells", "各格专利", "Patents per cell",
                                       [("text", "分支", "Branch"), ("text", "专利", "Patent")], listed,
                                       paged=True, table_cls="cell-list"))
    rows = [[cell(f"申请人{i % 7}"), cell(2000 + i % 5, num=True), cell(f"row-{i}")] for i in range(60)]
    page.sections.append(table_section("long", "长表", "Long table", [("text", "申请人", "Applicant"),
                                       ("number", "年", "Year"), ("text", "编号", "Id")], rows,
                                       filters=[(1, "select", "年", "Year")]))
    html = template_environment().get_template("page.html").render(
        page=page, **page_layout(page), nav=[], exports={"xlsx": None, "csv": []}, cutoff="2025-12-31",
        headline=0.6, sensitivity=0.3, generated="now", has_charts=False,
        inline_css=Markup((TEMPLATE_DIR / "site.css").read_text(encoding="utf-8")),
        inline_js=Markup((TEMPLATE_DIR / "site.js").read_text(encoding="utf-8")))
    target = tmp_path / "t.html"
    target.write_text(html, encoding="utf-8")
    tab, errors = open_page(browser, target.as_uri() + "#long")
    visible = "t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden).map(r => r.cells[2].textContent)"
    long = tab.locator("#long table")
    assert len(long.evaluate(visible)) == 25
    tab.fill("#long input.table-filter[data-col='*']", "申请人3")
    assert len(long.evaluate(visible)) == 9  # rows 3, 10, …, 59
    tab.fill("#long input.table-filter[data-col='*']", "")
    tab.select_option("#long select.table-filter", "2004")
    assert long.evaluate(visible) == [f"row-{i}" for i in range(4, 60, 5)]
    tab.select_option("#long select.table-filter", "")
    tab.click("#long .show-all")
    assert len(long.evaluate(visible)) == 60
    # The matrix cell opens the per-cell list showing only that cell's patents, and says which cell.
    tab.click("#matrix details summary")
    tab.click("#matrix a[href='#te-2-a']")
    cells = tab.locator("#cells table").evaluate("t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden)"
                                                 ".map(r => r.cells[1].textContent)")
    assert cells == ["CN20A", "CN21A"]
    assert tab.locator("#cells details").evaluate("d => d.open") and "cell=te-2-a" in tab.evaluate("location.hash")
    assert tab.locator("#cells .cell-chip").is_visible()
    assert not errors, errors
    tab.close()


def expand_years(labels: list[str]) -> set[int]:
    years: set[int] = set()
    for label in labels:
        for part in label.split(","):
            bounds = [int(y) for y in re.findall(r"\d{4}", part)]
            if len(bounds) == 2:
                years |= set(range(bounds[0], bounds[1] + 1))
            years |= set(bounds)
    return years


def test_networks_and_life_cycle_label_without_overlaps_and_search_highlights(built_site: tuple[Path, Path],
                                                                              browser: Any) -> None:
    import json

    site, _ = built_site
    problems = []
    pages = [p for p in sorted(site.glob("*.html")) if "chart-collaboration" in p.read_text(encoding="utf-8")]
    assert pages, "no page draws a collaboration network"
    for html in pages[:3]:
        page, errors = open_page(browser, html.as_uri() + "#open=all")
        root = page.locator("#chart-collaboration").element_handle()
        labels = page.evaluate(BOXES_JS, [root, ".nodelabels_marks text"])
        if not labels or overlaps(labels):
            problems.append(f"{html.name}: collaboration labels missing or overlapping: {labels}")
        legend = " ".join(page.locator("#chart-collaboration .role-legend text").all_text_contents())
        if "合作专利数" not in legend:
            problems.append(f"{html.name}: no size legend on the collaboration network ({legend!r})")
        if "<script>" in " ".join(b["text"] for b in labels):
            problems.append(f"{html.name}: a label shows markup")
        if page.locator("#chart-lifecycle").count():
            spec = json.loads(page.locator("#spec-lifecycle").text_content() or "{}")
            years = {int(r["year"]) for rows in spec.get("datasets", {}).values() for r in rows if "year" in r}
            year_labels = page.evaluate(BOXES_JS, [page.locator("#chart-lifecycle").element_handle(),
                                                   ".yearlabels_marks text"])
            if expand_years([b["text"] for b in year_labels]) != years or overlaps(year_labels):
                problems.append(f"{html.name}: life-cycle years {sorted(years)} labelled as "
                                f"{[b['text'] for b in year_labels]} (overlaps {overlaps(year_labels)})")
        box = page.locator("#collaboration input.applicant-search")
        box.fill("长安")
        page.wait_for_timeout(300)
        opacities = page.locator("#chart-collaboration .nodes_marks path").evaluate_all(
            "ps => ps.map(p => parseFloat(p.getAttribute('opacity') ?? '1'))")
        count = page.locator("#collaboration .search-count").text_content()
        if not (1.0 in opacities and min(opacities) < 0.2 and count and count.strip() not in {"", "0", "—"}):
            problems.append(f"{html.name}: search did not highlight: opacities {opacities}, count {count!r}")
        page.locator("#chart-collaboration").screenshot(path=str(SHOTS / f"{html.stem}-collaboration.png"))
        if errors:
            problems.append(f"{html.name}: {errors}")
        page.close()
    # The patent list filters by year.
    page, _ = open_page(browser, (site / "zone-cqftz-lj.html").as_uri() + "#patent-list")
    options = page.locator("#patent-list select.table-filter").nth(0).locator("option").all_text_contents()
    year = options[1]
    page.select_option("#patent-list select.table-filter >> nth=0", year)
    shown = page.locator("#patent-list tbody tr:not([hidden]) td:nth-child(4)").all_text_contents()
    assert shown and set(shown) == {year}
    page.close()
    assert not problems, "\n".join(problems)
