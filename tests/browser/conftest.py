"""One tiny site (and its warehouse file) per test session for the layout and report tests: built once, read by
every test that asks for it, so new browser tests add pages to look at rather than builds."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(site directory, warehouse file) of the tiny hostile warehouse, indicators and navigation marts built,
    site rendered."""
    from site_fixture import build_tiny_warehouse

    from pipeline.analyse.indicators import run_indicators
    from pipeline.analyse.navigation import run_navigation
    from pipeline.render.site import render_site
    from pipeline.settings import Settings

    root = tmp_path_factory.mktemp("session_site")
    settings = Settings(warehouse=root / "w.duckdb", inbox=root / "inbox", output=root / "out")
    con = duckdb.connect(str(settings.warehouse))
    build_tiny_warehouse(con, hostile=True)
    run_indicators(con, settings)
    run_navigation(con, settings)  # high-value, tech-efficacy and patent-list marts
    render_site(con, settings)
    con.close()
    return settings.site_dir, settings.warehouse
