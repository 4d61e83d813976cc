"""An incremental render writes only the pages whose rows moved and carries the rest over; the site it publishes
is byte-identical, file for file (pages, workbooks, CSVs, network files), to a full render of the same warehouse."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import build_tiny_warehouse

from pipeline.settings import Settings

CHANGED = "CN110000007A"  # 西永片区 × BIOMED, applicant E3 (see site_fixture)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def settings_in(root: Path) -> Settings:
    return Settings(warehouse=root / "w.duckdb", inbox=root / "in", output=root / "out", report_pdf=False)


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render.site import render_site

    incremental = settings_in(tmp_path_factory.mktemp("incremental"))
    full = settings_in(tmp_path_factory.mktemp("full"))
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=False)
    run_indicators(con, incremental)
    first = render_site(con, incremental)
    before = site_files(incremental.site_dir)
    quiet = render_site(con, incremental)
    after_quiet = site_files(incremental.site_dir)
    con.execute("update core.patent set title = '一种改进的测试装置' where patent_id = $id", {"id": CHANGED})
    run_indicators(con, incremental)
    night = render_site(con, incremental)
    from_scratch = render_site(con, full)
    return {"first": first, "quiet": quiet, "night": night, "full": from_scratch, "before": before,
            "after_quiet": after_quiet, "incremental_site": site_files(incremental.site_dir),
            "full_site": site_files(full.site_dir), "manifest": json.loads(
                (incremental.site_dir / "render-manifest.json").read_text(encoding="utf-8"))}


def test_a_night_writes_only_the_pages_whose_rows_moved(nights: dict[str, Any]) -> None:
    first, night = nights["first"], nights["night"]
    assert first["pages_carried"] == 0 and first["pages_written"] == first["pages"]
    assert 0 < night["pages_written"] < night["pages"], night
    assert night["pages_carried"] + night["pages_written"] == night["pages"]
    changed, unchanged = nights["incremental_site"], nights["before"]
    for slug in ("zone-cqftz-xy", "zone-cqftz-xy-biomed"):  # hold the edited patent: written with its new title
        assert "一种改进的测试装置" in changed[f"{slug}.html"].decode("utf-8"), slug
    for slug in ("zone-cqftz-lj", "zone-cqftz-gyg"):  # do not hold it: carried over unchanged
        assert changed[f"{slug}.html"] == unchanged[f"{slug}.html"], slug
        assert changed[f"exports/{slug}.xlsx"] == unchanged[f"exports/{slug}.xlsx"], slug


def test_a_quiet_render_carries_every_page(nights: dict[str, Any]) -> None:
    quiet = nights["quiet"]
    assert quiet["pages_written"] == 0 and quiet["pages_carried"] == quiet["pages"], quiet
    assert nights["after_quiet"] == nights["before"], "a render of the same rows changes no byte"


def test_incremental_site_is_byte_identical_to_a_full_render(nights: dict[str, Any]) -> None:
    incremental, full = nights["incremental_site"], nights["full_site"]
    assert sorted(incremental) == sorted(full)
    assert any(name.endswith(".xlsx") for name in full) and any(name.endswith(".csv") for name in full)
    differing = [name for name in full if incremental[name] != full[name]]
    assert not differing, differing


def test_pages_state_their_own_cut_off_not_the_wall_clock(nights: dict[str, Any]) -> None:
    page = nights["full_site"]["zone-cqftz-xy.html"].decode("utf-8")
    assert "依截至 2024-" in page or "依截至 2023-" in page, "the footer names the page's data cut-off"
    manifest = nights["manifest"]["pages"]
    assert manifest["zone-cqftz-xy"]["files"][0] == "zone-cqftz-xy.html"
    assert "exports/zone-cqftz-xy.xlsx" in manifest["zone-cqftz-xy"]["files"]
