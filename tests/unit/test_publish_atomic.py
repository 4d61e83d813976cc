"""The site is swapped in whole: a reader sees the old site or the new one, never a half-written one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.render import site as site_module
from pipeline.render.publish import publish_site
from pipeline.settings import Settings


def settings_for(tmp_path: Path) -> Settings:
    return Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path / "in", output=tmp_path / "out")


def fake_build(marker: str, observed: list[str]) -> Any:
    def build(con: duckdb.DuckDBPyConnection, settings: Settings, out_dir: Path) -> dict[str, Any]:
        # While the new site is being written, the published one is untouched and complete.
        live = settings.site_dir / "index.html"
        observed.append(live.read_text(encoding="utf-8") if live.exists() else "<none>")
        assert out_dir.parent == settings.site_dir.parent, "staging must sit beside the site (same filesystem)"
        (out_dir / "index.html").write_text(marker, encoding="utf-8")
        (out_dir / "page.html").write_text(marker, encoding="utf-8")
        return {"pages": 2}
    return build


def test_swap_replaces_the_whole_site_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path)
    observed: list[str] = []
    monkeypatch.setattr(site_module, "build_site", fake_build("v1", observed))
    site_module.render_site(duckdb.connect(), settings)
    (settings.site_dir / "stale.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(site_module, "build_site", fake_build("v2", observed))
    site_module.render_site(duckdb.connect(), settings)
    assert observed == ["<none>", "v1"]
    assert (settings.site_dir / "index.html").read_text(encoding="utf-8") == "v2"
    assert not (settings.site_dir / "stale.html").exists(), "files of the old site must not linger"
    assert sorted(p.name for p in settings.output.iterdir()) == ["site"], "no staging or old dirs left behind"


def test_failed_render_keeps_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path)
    monkeypatch.setattr(site_module, "build_site", fake_build("good", []))
    site_module.render_site(duckdb.connect(), settings)

    def broken(con: duckdb.DuckDBPyConnection, s: Settings, out_dir: Path) -> dict[str, Any]:
        (out_dir / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("render failed half-way")

    monkeypatch.setattr(site_module, "build_site", broken)
    with pytest.raises(RuntimeError):
        site_module.render_site(duckdb.connect(), settings)
    assert (settings.site_dir / "index.html").read_text(encoding="utf-8") == "good"
    assert sorted(p.name for p in settings.output.iterdir()) == ["site"]


def test_failed_swap_restores_the_old_site(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("old", encoding="utf-8")
    missing = tmp_path / ".site-new-missing"  # rename of a staging dir that vanished fails
    with pytest.raises(OSError):
        publish_site(missing, site_dir)
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "old"


def test_a_reshaped_input_table_drops_one_section_not_the_site(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from site_fixture import build_tiny_warehouse

    from pipeline.analyse.indicators import run_indicators

    settings = settings_for(tmp_path)
    con = duckdb.connect()
    build_tiny_warehouse(con, hostile=False)
    run_indicators(con, settings)
    con.execute("drop table mart.collaboration_edge")
    con.execute("create table mart.collaboration_edge (a varchar, b varchar)")  # columns not yet per contract
    summary = site_module.render_site(con, settings)
    # The collaboration section of each page fails, and so does the overview's network files (same table).
    failed_sections = {f.split(":")[1] for f in summary["sections_failed"]}
    assert failed_sections == {"collaboration", "network_files"}
    page = (settings.site_dir / "industry-elec.html").read_text(encoding="utf-8")
    assert 'id="collaboration"' not in page and 'id="trend"' in page
