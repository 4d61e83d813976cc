"""A night with one new week of data touches only what depends on it, and its result is what a build from
scratch gives where the design promises that (片区 attribution, industries) or keeps every earlier document in
place where it promises stability (landscape coordinates and topic ids).

Data: the bundled synthetic CN sample split into a base (first 2,700 records) and a week (the other 300) plus
the 7 real incoPat records from Henan.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.settings import Settings, load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

pytestmark = pytest.mark.integration

SAMPLE = load_settings({}).sample_dir
SYNTHETIC = SAMPLE / "synthetic" / "cn_incopat_synthetic_seed42.csv"
HENAN = SAMPLE / "cn" / "incopat_style_export_henan.csv"
BASE_RECORDS = 2700

ENRICH_TABLES = (
    "enrich.applicant_entity",
    "enrich.patent_applicant",
    "enrich.patent_location",
    "enrich.patent_zone",
    "enrich.address_attribution",
    "enrich.patent_industry",
    "enrich.text_prediction",
)


def split_sample(folder: Path) -> tuple[Path, Path]:
    with open(SYNTHETIC, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    base, week = folder / "cn_incopat_synthetic_base.csv", folder / "week" / "cn_incopat_synthetic_week.csv"
    week.parent.mkdir(parents=True)
    for path, body in ((base, rows[1 : BASE_RECORDS + 1]), (week, rows[BASE_RECORDS + 1 :])):
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([rows[0], *body])
    shutil.copy2(HENAN, week.parent / HENAN.name)
    return base, week.parent


def enrich(con, settings: Settings) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    from pipeline.enrich.geo_step import run_geo_enrichment
    from pipeline.enrich.industry import run_industry_enrichment
    from pipeline.enrich.topics import run_topics

    return {
        "geo": run_geo_enrichment(con, settings),
        "industries": run_industry_enrichment(con, settings),
        "topics": run_topics(con, settings),
    }


def table_rows(con, table: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted(con.execute(f"select * from {table}").fetchall(), key=repr)


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("incremental")
    base, week = split_sample(root)
    settings = replace(load_settings({}), warehouse=root / "nightly" / "warehouse.duckdb", output=root / "out")
    settings.warehouse.parent.mkdir()
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, [base])
        first = enrich(con, settings)
        before = {r[0]: r[1:] for r in con.execute("select patent_id, topic_id, x, y from enrich.patent_topic")
                  .fetchall()}
        old_addresses = {r[0] for r in con.execute("select address_key from enrich.address_attribution").fetchall()}
        ingest_paths(con, [week])
        new_patents = {r[0] for r in con.execute("select patent_id from core.patent").fetchall()} - set(before)
        second = enrich(con, settings)
        yield {"settings": settings, "con": con, "first": first, "second": second, "before": before,
               "old_addresses": old_addresses, "new_patents": new_patents, "root": root, "base": base,
               "week": week}


def test_the_week_adds_patents_and_new_addresses(nights) -> None:  # type: ignore[no-untyped-def]
    assert len(nights["new_patents"]) == 3000 - BASE_RECORDS + 7


def test_only_new_addresses_are_attributed(nights) -> None:  # type: ignore[no-untyped-def]
    con, first, second = nights["con"], nights["first"], nights["second"]
    now = {r[0] for r in con.execute("select address_key from enrich.address_attribution").fetchall()}
    assert first["geo"]["addresses_attributed"] == len(nights["old_addresses"]) > 1000
    assert second["geo"]["addresses_attributed"] == len(now - nights["old_addresses"]) > 0
    assert second["geo"]["addresses_attributed"] < first["geo"]["addresses_attributed"] / 5


def test_the_text_model_is_kept_and_only_new_texts_are_predicted(nights) -> None:  # type: ignore[no-untyped-def]
    first, second = nights["first"]["industries"], nights["second"]["industries"]
    assert first["model_version"] and second["model_version"] == first["model_version"]  # grew by < 20%
    assert 0 < second["texts_predicted"] <= len(nights["new_patents"])


def test_earlier_documents_keep_their_place_and_topic(nights) -> None:  # type: ignore[no-untyped-def]
    con, before, second = nights["con"], nights["before"], nights["second"]["topics"]
    assert nights["first"]["topics"]["mode"] == "full" and second["mode"] == "incremental"
    assert second["placed"] == len(nights["new_patents"]) and second["kept_coordinates"] == len(before)
    after = {r[0]: r[1:] for r in con.execute("select patent_id, topic_id, x, y from enrich.patent_topic").fetchall()}
    assert all(after[p] == before[p] for p in before)
    # every new document sits in a topic of its own primary industry
    wrong = con.execute(
        "select count(*) from enrich.patent_topic pt join enrich.topic t using (topic_id) "
        "join enrich.patent_industry i on i.patent_id = pt.patent_id and i.level = 1 and i.is_primary "
        "where t.industry_code <> i.industry_code").fetchall()[0][0]
    assert wrong == 0
    sizes = con.execute("select sum(size) from enrich.topic").fetchall()[0][0]
    assert sizes == len(after) == len(before) + len(nights["new_patents"])
    peaks = con.execute("select count(*) from enrich.landscape_peak").fetchall()[0][0]
    assert peaks == second["topics"]


def test_a_quiet_rerun_changes_nothing(nights) -> None:  # type: ignore[no-untyped-def]
    con, settings = nights["con"], nights["settings"]
    tables = (*ENRICH_TABLES, "enrich.patent_topic", "enrich.topic", "enrich.landscape_contour")
    before = {t: table_rows(con, t) for t in tables}
    third = enrich(con, settings)
    assert third["geo"]["addresses_attributed"] == 0
    assert third["industries"]["texts_predicted"] == 0
    assert third["topics"]["placed"] == 0
    assert {t: table_rows(con, t) for t in tables} == before


def test_the_night_equals_a_build_from_scratch_with_the_same_models(nights) -> None:  # type: ignore[no-untyped-def]
    from pipeline.enrich.geo_step import run_geo_enrichment
    from pipeline.enrich.industry import run_industry_enrichment

    root, settings = nights["root"], nights["settings"]
    scratch = replace(settings, warehouse=root / "scratch" / "warehouse.duckdb")
    scratch.warehouse.parent.mkdir()
    shutil.copytree(settings.model_dir, scratch.model_dir)  # the same text model the nights used
    with open_warehouse(scratch.warehouse) as con:
        ingest_paths(con, [nights["base"], nights["week"]])
        run_geo_enrichment(con, scratch)
        industries = run_industry_enrichment(con, scratch)
        assert industries["model_version"] == nights["second"]["industries"]["model_version"]
        fresh = {t: table_rows(con, t) for t in ENRICH_TABLES}
    assert {t: table_rows(nights["con"], t) for t in ENRICH_TABLES} == fresh


def test_a_first_delivery_too_small_to_train_on_is_still_labelled(tmp_path: Path) -> None:
    from pipeline.enrich.industry import run_industry_enrichment

    settings = replace(load_settings({}), warehouse=tmp_path / "warehouse.duckdb", output=tmp_path / "out")
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, [HENAN])
        summary = run_industry_enrichment(con, settings)
        patents = con.execute("select count(*) from core.patent").fetchall()[0][0]
        primary = con.execute("select count(distinct patent_id) from enrich.patent_industry "
                              "where level = 1 and is_primary").fetchall()[0][0]
    assert summary["model_version"] is None and patents == primary == 7
