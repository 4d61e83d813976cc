"""The analyst's views in a real browser (Debian Chromium, every non-file request aborted): an industry page and a
片区 × industry page in both languages. Asserted from the DOM: every chart has marks; landscape peak labels
never overlap (the warehouse gets a crowd of peaks to force collisions); the visible peak labels are in the page's
language and the other language's are hidden; the core-patent network draws edges and its labels do not overlap;
the main path runs left to right by year with non-overlapping labels. Screenshots: output/browser/ (git-ignored)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from label_geometry import BOXES_JS, overlaps
from site_fixture import build_tiny_warehouse

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[2] / "output" / "browser"
CJK = re.compile(r"[\u3400-\u9fff]")
PAGES = ("industry-elec.html", "zone-cqftz-lj-elec.html")

# Peaks crowded around two spots, with long labels in both languages: placement must drop some of them.
CROWD = [(0.2 + 0.15 * k, 0.3 + 0.1 * (k % 3), f"锂离子电池热管理系统{k}", f"Lithium battery thermal management {k}")
         for k in range(12)]

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render.site import render_site
    from pipeline.settings import Settings

    root = tmp_path_factory.mktemp("views_site")
    settings = Settings(warehouse=root / "w.duckdb", inbox=root / "inbox", output=root / "out")
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=True)
    for x, y, zh, en in CROWD:
        con.execute("insert into enrich.landscape_peak values ('ELEC', 10, $x, $y, $zh, $en)",
                    {"x": x, "y": y, "zh": zh, "en": en})
    run_indicators(con, settings)
    render_site(con, settings)
    con.close()
    return settings.site_dir


def test_views_render_readable_in_both_languages(site: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium missing: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        for name in PAGES:
            for lang in ("zh", "en"):
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, errs=errors: errs.append(str(e)))
                page.goto((site / name).as_uri() + "#open=all")  # every folded section open
                page.evaluate(f"window.localStorage.setItem('patentnav.lang', '{lang}')")
                page.reload()
                page.wait_for_function("document.documentElement.hasAttribute('data-charts-ready')", timeout=5000)
                where = f"{name} [{lang}]"
                assert page.evaluate("document.documentElement.lang").startswith(lang)
                for chart_id in ("landscape", "citations", "main-path"):
                    assert page.locator(f"#chart-{chart_id}").count() == 1, f"{where}: no {chart_id} chart"
                for index in range(page.locator(".chart").count()):
                    chart = page.locator(".chart").nth(index)
                    if chart.locator("svg .role-mark path, svg .role-mark text, svg .role-mark line").count() == 0:
                        problems.append(f"{where}: chart {chart.get_attribute('id')} has no marks")
                landscape = page.locator("#chart-landscape").element_handle()
                shown = page.evaluate(BOXES_JS, [landscape, f".peaklabel_{lang}_marks text"])
                other = "en" if lang == "zh" else "zh"
                hidden = page.evaluate(BOXES_JS, [landscape, f".peaklabel_{other}_marks text"])
                if len(shown) < 2:
                    problems.append(f"{where}: only {len(shown)} peak labels visible")
                if hidden:
                    problems.append(f"{where}: other-language labels visible: {[b['text'] for b in hidden]}")
                if overlaps(shown):
                    problems.append(f"{where}: landscape labels overlap: {overlaps(shown)}")
                wrong = [b["text"] for b in shown if bool(CJK.search(b["text"])) != (lang == "zh")]
                if wrong:
                    problems.append(f"{where}: labels not in the page language: {wrong}")
                if len(shown) >= len(CROWD) and name.startswith("industry"):
                    problems.append(f"{where}: every crowded peak labelled, so placement dropped nothing")
                # The 片区 page draws the industry's other patents grey behind its own.
                if name.startswith("zone"):
                    grey = page.locator("#chart-landscape .context_points_marks path").count()
                    if grey == 0:
                        problems.append(f"{where}: no grey context points for the rest of the industry")
                node_labels = page.evaluate(BOXES_JS, [page.locator("#chart-citations").element_handle(),
                                                       ".nodelabels_marks text"])
                if overlaps(node_labels) or not node_labels:
                    problems.append(f"{where}: network labels missing or overlapping: {overlaps(node_labels)}")
                network = page.locator("#chart-citations")
                if network.locator(".edges_marks line").count() == 0:
                    problems.append(f"{where}: citation network has no edges")
                path_labels = page.evaluate(BOXES_JS, [page.locator("#chart-main-path").element_handle(),
                                                       ".pathlabels_marks text"])
                if overlaps(path_labels) or not path_labels:
                    problems.append(f"{where}: main path labels missing or overlapping: {overlaps(path_labels)}")
                years = [t.strip() for t in page.locator("#chart-main-path .role-axis-label text").all_text_contents()]
                numeric = [int(t) for t in years if t.isdigit()]
                if len(numeric) < 2 or numeric != sorted(numeric):
                    problems.append(f"{where}: main path year axis not left to right: {years}")
                if errors:
                    problems.append(f"{where}: page errors {errors}")
                page.screenshot(path=str(SHOTS / f"{Path(name).stem}-{lang}.png"), full_page=True)
                for chart_id in ("landscape", "citations", "main-path"):
                    page.locator(f"#chart-{chart_id}").screenshot(
                        path=str(SHOTS / f"{Path(name).stem}-{chart_id}-{lang}.png"))
                page.close()
        browser.close()
    assert not problems, "\n".join(problems)
