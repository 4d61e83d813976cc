"""Industries on real samples: every patent labelled once (primary level 1), checks clean, topics and map built,
and a second (nightly) run keeps every earlier coordinate."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

LENS_2025 = PROJECT_ROOT / "data" / "sample" / "lens" / "lens_export_v2025_sangamo.csv"
TOYOTA_ZH = PROJECT_ROOT / "data" / "sample" / "cn" / "incopat_toyota_bilingual_slice.xlsx"  # Chinese half


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from pipeline.enrich.industry import run_industry_enrichment
    from pipeline.enrich.topics import run_topics

    root = tmp_path_factory.mktemp("industry")
    settings = replace(load_settings({}), warehouse=root / "warehouse.duckdb", output=root / "out")
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, [PROJECT_ROOT / "data" / "sample" / "patentsview", LENS_2025, TOYOTA_ZH])
        industry = run_industry_enrichment(con, settings)
        first = run_topics(con, settings)
        coordinates = dict((r[0], (r[1], r[2])) for r in con.execute(
            "select patent_id, x, y from enrich.patent_topic").fetchall())
        yield con, settings, industry, first, coordinates


def test_every_patent_has_one_primary_level1_industry_and_checks_pass(built) -> None:  # type: ignore[no-untyped-def]
    from pipeline.warehouse.checks import run_checks

    con, _, industry, _, _ = built
    patents = con.execute("select count(*) from core.patent").fetchall()[0][0]
    labelled = con.execute("select count(distinct patent_id) from enrich.patent_industry "
                           "where level = 1 and is_primary").fetchall()[0][0]
    assert patents > 3000 and labelled == patents
    results = run_checks(con, "enrich_patent_industry")
    assert len(results) == 3 and all(r.offending_count == 0 for r in results)
    assert set(industry["patents_by_method"]) <= {"concordance", "model"}


def test_sangamo_biomedicine_is_biomed(built) -> None:  # type: ignore[no-untyped-def]
    con, *_ = built
    with open(LENS_2025, encoding="utf-8-sig", newline="") as handle:
        expected = sum(1 for r in csv.DictReader(handle) if r["IPCR Classifications"].startswith(("A61K", "C12N")))
    found = con.execute("select count(*) from enrich.patent_industry i join core.patent p using (patent_id) "
                        "where p.source = 'lens' and i.level = 1 and i.is_primary and i.industry_code = 'BIOMED'"
                        ).fetchall()[0][0]
    assert expected > 10 and found >= expected * 0.9


def test_topics_and_landscape_tables_are_filled(built) -> None:  # type: ignore[no-untyped-def]
    con, _, _, first, _ = built
    assert first["topics"] >= 6 and first["refitted"]
    assert con.execute("select count(*) from enrich.topic where label_en = '' or label_zh = ''").fetchall()[0][0] == 0
    from pipeline.sql import read_sql

    wrong_language = con.execute(read_sql("checks/enrich_topic_label_language")).fetchall()
    assert wrong_language == []
    # Chinese and English documents share topics: some topic holds both languages
    mixed = con.execute("""
        select count(*) from (
            select pt.topic_id from enrich.patent_topic as pt join core.patent as p using (patent_id)
            group by pt.topic_id
            having bool_or(regexp_matches(p.title, '[一-鿿]'))
               and bool_or(not regexp_matches(p.title, '[一-鿿]')))""").fetchall()[0][0]
    assert mixed >= 1
    assert con.execute("select count(*) from enrich.landscape_contour").fetchall()[0][0] > 0
    assert con.execute("select count(*) from enrich.landscape_peak").fetchall()[0][0] == first["topics"]


def test_nightly_rerun_moves_no_document(built) -> None:  # type: ignore[no-untyped-def]
    from pipeline.enrich.landscape import procrustes_disparity
    from pipeline.enrich.topics import run_topics

    con, settings, _, _, before = built
    second = run_topics(con, settings)
    assert not second["refitted"] and second["kept_coordinates"] == len(before)
    after = dict((r[0], (r[1], r[2])) for r in con.execute("select patent_id, x, y from enrich.patent_topic"
                                                          ).fetchall())
    ids = sorted(before)
    assert procrustes_disparity([before[i] for i in ids], [after[i] for i in ids]) <= 0.05
    assert all(before[i] == after[i] for i in ids)


def test_classify_cli_round_trip(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.commands.classify import classify_file

    _, settings, *_ = built
    source = tmp_path / "in.csv"
    source.write_text("id,title,abstract,ipc\nA,Antibody for treating cancer,,A61K 39/395\n"
                      "B,Semiconductor wafer etching,,\n=C,Vehicle traction battery pack,,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert classify_file(settings, source, out, text_only=False) == 3
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0]["method"] == "concordance" and rows[0]["industry_code"] == "BIOMED"
    assert rows[1]["method"] == "model" and rows[2]["id"] == "'=C"
    assert all(0 <= float(r["score"]) <= 1 for r in rows)


def test_landscape_cli_places_documents_where_the_map_put_them(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.commands.landscape import COLUMNS, place_file
    from pipeline.enrich.landscape import MAP_FILE

    con, settings, *_ = built
    known = con.execute("""
        select pt.patent_id, p.title, p.abstract, d.codes, pt.x, pt.y, pt.topic_id, t.label_zh, t.label_en
        from enrich.patent_topic as pt join core.patent as p using (patent_id)
        join topic_document as d using (patent_id) join enrich.topic as t using (topic_id)
        where d.codes is not null order by pt.patent_id limit 1""").fetchall()[0]
    source = tmp_path / "docs.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "abstract", "ipc"])
        writer.writerow([known[0], known[1], known[2], known[3]])
        writer.writerow(["=NEW", "锂离子电池的充电控制方法", "一种电动汽车动力电池的充电控制", ""])
    map_before = (settings.model_dir / MAP_FILE).read_bytes()
    out = tmp_path / "points.csv"
    assert place_file(settings, source, out, con) == 2
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    # the same text and codes land exactly where the step placed the patent, in its topic, with its labels
    assert abs(float(rows[0]["x"]) - known[4]) < 1e-4 and abs(float(rows[0]["y"]) - known[5]) < 1e-4
    assert (rows[0]["topic_id"], rows[0]["topic_label_zh"], rows[0]["topic_label_en"]) == known[6:9]
    assert rows[1]["id"] == "'=NEW" and rows[1]["industry_code"] and rows[1]["topic_id"]
    assert (settings.model_dir / MAP_FILE).read_bytes() == map_before  # placing never refits
