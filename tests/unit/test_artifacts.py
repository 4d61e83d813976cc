"""The raw layer as per-file Parquet artifacts: staged without the warehouse, reused, merged, migrated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline import sources
from pipeline.settings import PROJECT_ROOT, Settings
from pipeline.sources import discover_units
from pipeline.warehouse import artifacts
from pipeline.warehouse.fingerprint import differing_tables, table_checksums
from pipeline.warehouse.ingest import hash_unit, ingest_paths
from pipeline.warehouse.schema import SCHEMA_VERSION, ensure_schema

LENS = PROJECT_ROOT / "data" / "sample" / "lens" / "lens_export_v2021_jet_engine.csv"
EPO = PROJECT_ROOT / "data" / "sample" / "epo" / "ops_biblio_EP2400812_EP2533477.xml"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for source in (LENS, EPO):
        shutil.copy2(source, folder / source.name)
    return folder


def settings_for(tmp_path: Path, inbox: Path) -> Settings:
    return Settings(warehouse=tmp_path / "w.duckdb", inbox=inbox, output=tmp_path / "out")


def raw_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: con.execute(f"select count(*) from raw.{table}").fetchone()[0] for table in artifacts.RAW_VIEWS}


def test_staging_writes_one_artifact_per_file_and_never_opens_the_warehouse(tmp_path, inbox):
    from pipeline.run import stage_file

    settings = settings_for(tmp_path, inbox)
    result = stage_file(str(inbox / LENS.name), settings)

    assert not settings.warehouse.exists()
    [staged] = result["files"]
    folder = Path(staged["artifact"])
    sha, _ = hash_unit(discover_units([inbox / LENS.name])[0])
    assert folder == tmp_path / "w.artifacts" / sha
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "staged" and manifest["format"] == "lens_csv"
    assert {p.name for p in folder.glob("*.parquet")} == {f"{t}.parquet" for t in (*artifacts.RAW_VIEWS,
                                                                                     "quarantine")}
    rows = duckdb.connect().execute("select count(*) from read_parquet($p)",
                                    {"p": str(folder / "patent.parquet")}).fetchall()[0][0]
    assert rows == manifest["patents_loaded"] > 0
    assert stage_file(str(inbox / LENS.name), settings)["files"][0]["reused"] is True


def test_the_merge_reads_the_artifact_not_the_file_and_keeps_no_raw_rows_in_the_warehouse(tmp_path, inbox,
                                                                                              monkeypatch):
    from pipeline.run import merge_staged, stage_file

    settings = settings_for(tmp_path, inbox)
    for path in sorted(inbox.iterdir()):
        stage_file(str(path), settings)

    def no_reading(unit):
        raise AssertionError(f"{unit.path} read again at merge")

    monkeypatch.setattr(sources, "detect_adapter", no_reading)
    monkeypatch.setattr(artifacts, "detect_adapter", no_reading)
    merged = merge_staged(settings)
    assert [f["status"] for f in merged["files"]] == ["loaded", "loaded"]

    con = duckdb.connect(str(settings.warehouse), read_only=True)
    kinds = dict(con.execute("select table_name, 'table' from duckdb_tables() where schema_name = 'raw' union all "
                             "select view_name, 'view' from duckdb_views() where schema_name = 'raw'").fetchall())
    assert kinds == dict.fromkeys(artifacts.RAW_VIEWS, "view")
    loaded = con.execute("select sum(patents_loaded_count) from core.ingest_file").fetchone()[0]
    assert raw_counts(con)["patent"] == loaded > 0
    assert con.execute("select count(*) from core.patent").fetchone()[0] > 0


def test_a_staged_and_merged_warehouse_equals_one_loaded_directly(tmp_path, inbox):
    from pipeline.run import finalize_and_check, merge_staged, stage_files

    staged = settings_for(tmp_path / "a", inbox)
    stage_files(sorted(str(p) for p in inbox.iterdir()), staged, workers=2)
    merge_staged(staged)
    finalize_and_check(staged)
    direct = duckdb.connect(str(tmp_path / "direct.duckdb"))
    ensure_schema(direct)
    ingest_paths(direct, [inbox])

    with duckdb.connect(str(staged.warehouse), read_only=True) as con:
        first = table_checksums(con)
    # only the gate's own record of having run differs
    assert differing_tables(first, table_checksums(direct)) == ["meta.step_state"]


def test_a_changed_reader_stages_again(tmp_path, inbox, monkeypatch):
    from pipeline.run import stage_file

    settings = settings_for(tmp_path, inbox)
    stage_file(str(inbox / LENS.name), settings)
    artifacts.reader_version.cache_clear()
    monkeypatch.setattr(artifacts, "reader_version", lambda: "another-reader")
    assert stage_file(str(inbox / LENS.name), settings)["files"][0]["reused"] is False


def test_a_replaced_file_leaves_the_raw_views(tmp_path):
    lens = tmp_path / "inbox" / "lens.csv"
    lens.parent.mkdir()
    text = LENS.read_text(encoding="utf-8").splitlines(keepends=True)
    lens.write_text("".join(text[:4]), encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(con)
    ingest_paths(con, [lens.parent])
    lens.write_text("".join(text[:2]), encoding="utf-8")
    ingest_paths(con, [lens.parent])

    statuses = con.execute("select status from core.ingest_file order by status").fetchall()
    assert statuses == [("loaded",), ("superseded",)]
    [loaded_id] = con.execute("select file_id from core.ingest_file where status = 'loaded'").fetchone()
    assert con.execute("select distinct file_id from raw.patent").fetchall() == [(loaded_id,)]
    assert raw_counts(con)["patent"] == con.execute("select count(*) from core.patent").fetchone()[0]


def test_a_version_2_warehouse_moves_its_raw_rows_into_artifacts(tmp_path, inbox):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    ensure_schema(con)
    ingest_paths(con, [inbox])
    before = table_checksums(con)
    raw_before = {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in artifacts.RAW_VIEWS}
    # what v2 looked like: raw rows in tables, no artifacts
    for table in artifacts.RAW_VIEWS:
        con.execute(f"create table raw.{table}_copy as select * from raw.{table}")
        con.execute(f"drop view raw.{table}")
        con.execute(f"alter table raw.{table}_copy rename to {table}")
    con.execute("update meta.schema_version set version = 2")
    con.close()
    shutil.rmtree(tmp_path / "old.artifacts")

    con = duckdb.connect(str(path))
    assert ensure_schema(con) == SCHEMA_VERSION == 4
    assert {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in artifacts.RAW_VIEWS} \
        == raw_before
    assert differing_tables(before, table_checksums(con)) == ["meta.schema_version"]
    shas = [row[0] for row in con.execute("select sha256 from core.ingest_file").fetchall()]
    assert all((tmp_path / "old.artifacts" / sha / "manifest.json").exists() for sha in shas)
