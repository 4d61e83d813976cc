"""DuckDB's memory_limit and threads come from settings, in one place, for the warehouse and for staging."""

from __future__ import annotations

from pathlib import Path

from pipeline.settings import load_settings
from pipeline.warehouse.connection import open_warehouse


def test_defaults_and_environment() -> None:
    defaults = load_settings({})
    assert defaults.duckdb_config() == {"memory_limit": "16GB"}
    assert defaults.duckdb_config(staging=True) == {"memory_limit": "2GB"}
    tuned = load_settings({"PATENTNAV_DUCKDB_MEMORY": "3GB", "PATENTNAV_DUCKDB_THREADS": "1",
                           "PATENTNAV_STAGING_MEMORY": "1GB"})
    assert tuned.duckdb_config() == {"memory_limit": "3GB", "threads": 1}
    assert tuned.duckdb_config(staging=True) == {"memory_limit": "1GB", "threads": 1}


def test_the_warehouse_opens_with_them(tmp_path: Path) -> None:
    settings = load_settings({"PATENTNAV_DUCKDB_MEMORY": "1GB", "PATENTNAV_DUCKDB_THREADS": "1"})
    with open_warehouse(tmp_path / "w.duckdb", settings=settings) as con:
        limit, threads = con.execute("select current_setting('memory_limit'), current_setting('threads')").fetchone()
    assert threads == 1 and limit.startswith(("953", "1.0", "1 ")), limit
