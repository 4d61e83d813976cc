"""The rendered site in a real browser: Debian's Chromium (never a downloaded one) driven by Playwright, with
every request that is not file: aborted. Every page must load in ≤ 3 s without console errors, and every chart
container must hold rendered marks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from site_fixture import build_tiny_warehouse

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAX_LOAD_SECONDS = 3.0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render.site import render_site
    from pipeline.settings import Settings

    root = tmp_path_factory.mktemp("browser_site")
    settings = Settings(warehouse=root / "w.duckdb", inbox=root / "inbox", output=root / "out")
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=True)
    run_indicators(con, settings)
    render_site(con, settings)
    con.close()
    return settings.site_dir


def test_every_page_renders_offline(site: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium missing: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    pages = sorted(site.glob("*.html"))
    assert (site / "index.html") in pages and len(pages) >= 5
    blocked: list[str] = []
    problems: list[str] = []
    timings: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})

        def route(request_route: object) -> None:
            request = request_route.request  # type: ignore[attr-defined]
            if request.url.startswith("file:"):
                request_route.continue_()  # type: ignore[attr-defined]
            else:
                blocked.append(request.url)
                request_route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        for html in pages:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, errs=errors: errs.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errs=errors: errs.append(str(e)))
            page.on("dialog", lambda d, errs=errors: (errs.append(f"dialog {d.message}"), d.dismiss()))
            started = time.monotonic()
            page.goto(html.as_uri(), wait_until="load")
            charts = page.locator(".chart").count()
            if charts:
                page.wait_for_function("document.documentElement.hasAttribute('data-charts-ready')", timeout=3000)
            seconds = time.monotonic() - started
            timings[html.name] = seconds
            if seconds > MAX_LOAD_SECONDS:
                problems.append(f"{html.name}: loaded in {seconds:.2f}s")
            for index in range(charts):
                marks = page.locator(".chart").nth(index).locator("svg path, svg rect, svg text, canvas").count()
                if marks == 0:
                    problems.append(f"{html.name}: chart {index} has no rendered marks")
            if errors:
                problems.append(f"{html.name}: console errors {errors}")
            page.screenshot(path=str(tmp_path / f"{html.stem}.png"), full_page=True)
            page.close()
        # The language toggle switches, and the choice survives a reload (localStorage).
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        assert page.locator("h1 [data-lang=zh]").is_visible()
        page.click("#lang-toggle")
        assert page.locator("h1 [data-lang=en]").is_visible()
        page.reload()
        assert page.locator("h1 [data-lang=en]").is_visible()
        page.close()
        # The core-patent table sorts in plain JS: ascending, then descending on a second click.
        page = context.new_page()
        page.goto((site / "industry-elec.html").as_uri() + "#core-table")  # the link opens its folded section
        header = page.locator("#core-table th").nth(6)
        read = "els => els.map(e => parseFloat(e.getAttribute('data-value')))"
        header.click()
        ascending = page.locator("#core-table tbody tr td:nth-child(7)").evaluate_all(read)
        header.click()
        descending = page.locator("#core-table tbody tr td:nth-child(7)").evaluate_all(read)
        page.close()
        browser.close()
    assert len(ascending) > 2 and ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert not blocked, f"pages tried to reach the network: {blocked[:5]}"
    assert not problems, "\n".join(problems)
    assert (tmp_path / "index.png").stat().st_size > 10_000
    slowest = max(timings, key=timings.__getitem__)
    print(f"screenshots: {tmp_path}; {len(timings)} pages, slowest {slowest} {timings[slowest]:.2f}s")
