"""A real `dag.test()` run of the nightly DAG over the bundled samples, then a second run with nothing new.

The first run must leave a filled warehouse and a published site; the second must change no table's content.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.airflow_local import run_dag_once
from pipeline.run import stage_sample_inbox
from pipeline.settings import Settings, load_settings

pytestmark = [pytest.mark.dag, pytest.mark.slow]


def table_checksums(warehouse: Path) -> dict[str, tuple[int, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('meta', 'raw', 'core', 'enrich', 'mart') order by all"
        ).fetchall()
        sums = {}
        for schema, table in tables:
            row = con.execute(
                f"select count(*), md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) "
                f'from "{schema}"."{table}" as t'
            ).fetchone()
            sums[f"{schema}.{table}"] = (int(row[0]), str(row[1]))
    return sums


@pytest.fixture(scope="module")
def nightly_settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("nightly")
    defaults = load_settings({})
    return Settings(
        warehouse=root / "warehouse.duckdb",
        inbox=root / "inbox",
        output=root / "output",
        data_dir=defaults.data_dir,
        airflow_home=root / "airflow",
    )


def test_nightly_dag_builds_warehouse_and_site_then_a_quiet_night_changes_nothing(nightly_settings):
    s = nightly_settings
    staged = stage_sample_inbox(s)
    assert staged["copied"] > 0

    run_dag_once(s)
    index = s.site_dir / "index.html"
    assert index.exists()
    first = table_checksums(s.warehouse)
    assert first["core.patent"][0] > 1000
    for table in (
        "enrich.patent_zone",
        "enrich.patent_industry",
        "mart.patent_citation_metrics",
        "mart.zone_industry_year",
    ):
        assert first.get(table, (0, ""))[0] > 0, table
    site_mtime = index.stat().st_mtime_ns

    run_dag_once(s)
    assert table_checksums(s.warehouse) == first
    assert index.stat().st_mtime_ns == site_mtime
