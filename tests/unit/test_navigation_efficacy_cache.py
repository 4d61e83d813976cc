"""Efficacies are extracted once per distinct text and extractor version (mart.efficacy_text): a night extracts
only its new texts, and the marts equal the uncached extraction over every text (found_efficacies)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_navigation_efficacy import VOCABULARY
from test_navigation_high_value import settings_for, warehouse
from test_navigation_specialisation import add

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.analyse.navigation_efficacy import found_efficacies
from pipeline.settings import Settings
from pipeline.warehouse.checks import assert_checks_pass

TEXTS = {"CNP1A": "能够提高识别的准确性，降低成本。", "CNP2A": "提高准确性。", "CNP3A": "提高定位精度。",
         "CNP4A": "降低功耗。", "CNP5A": "本发明涉及一种装置。", "CNP6A": "提高准确性。"}  # P6 repeats P2's text
PHRASES = [("CNP1A", "提高准确性"), ("CNP1A", "降低能耗"), ("CNP4A", "降低功耗"), ("CNP5A", "智能家居")]


def night(con: duckdb.DuckDBPyConnection, settings: Settings) -> int:
    run_indicators(con, settings)
    summary = run_navigation(con, settings, as_of=date(2025, 6, 30))
    assert_checks_pass(con, prefix=("mart_efficacy_text", "mart_patent_efficacy"))
    return int(summary["texts_extracted"])


def reference(con: duckdb.DuckDBPyConnection, settings: Settings) -> tuple[set[tuple[object, ...]], set[tuple]]:
    """Every text extracted afresh, as before the cache: (ours, vendor) rows."""
    import csv

    with open(settings.reference_dir / "efficacy_vocabulary.csv", encoding="utf-8") as handle:
        vocabulary = list(csv.DictReader(handle))
    texts = con.sql("select patent_id, source_field, body from nav_efficacy_source order by 1, 2").pl()
    ours, vendor = found_efficacies(texts, vocabulary)
    return set(ours.iter_rows()), set(vendor.iter_rows())


def marts(con: duckdb.DuckDBPyConnection) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    ours = con.execute("select patent_id, efficacy_code, source_field, cue, object_text "
                       "from mart.patent_efficacy").fetchall()
    vendor = con.execute("select patent_id, efficacy_code from nav_vendor_efficacy").fetchall()
    return set(ours), set(vendor)


def add_patent(con: duckdb.DuckDBPyConnection, patent_id: str, text: str) -> None:
    add(con, patent_id, 2022, "H04L" if patent_id in ("CNP4A", "CNP5A") else "G06F", "CQFTZ-XY")
    con.execute("update core.patent set abstract = $t where patent_id = $id", {"t": text, "id": patent_id})


def test_a_night_extracts_only_new_texts_and_matches_a_fresh_extraction(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    vocabulary_file = settings.reference_dir / "efficacy_vocabulary.csv"
    vocabulary_file.write_text(VOCABULARY, encoding="utf-8")
    for patent_id, text in list(TEXTS.items())[:5]:
        add_patent(con, patent_id, text)
    for n, (patent_id, phrase) in enumerate(PHRASES):
        con.execute("insert into core.vendor_classification values ('f1', $id, 'efficacy_phrase', $p, null, false, "
                    "'incopat', $n)", {"id": patent_id, "p": phrase, "n": n})
    # 5 abstracts + 4 phrases; 提高准确性 as an abstract and as a phrase are two texts.
    assert night(con, settings) == 9
    assert marts(con) == reference(con, settings)

    assert night(con, settings) == 0, "a night with nothing new extracts nothing"
    add_patent(con, "CNP6A", TEXTS["CNP6A"])  # a new patent whose text was seen: nothing to extract
    add_patent(con, "CNP7A", "显著降低成本并提高精度。")
    assert night(con, settings) == 1
    assert marts(con) == reference(con, settings)
    assert {r[:2] for r in marts(con)[0] if r[0] == "CNP7A"} == {("CNP7A", "COST"), ("CNP7A", "ACCURACY")}

    con.execute("delete from core.patent where patent_id = 'CNP3A'")
    before = con.execute("select count(*) from mart.efficacy_text").fetchone()
    assert night(con, settings) == 0
    after = con.execute("select count(*) from mart.efficacy_text").fetchone()
    assert before is not None and after is not None and after[0] == before[0] - 1, "a text no longer held is pruned"

    vocabulary_file.write_text(VOCABULARY + "SPEED,提高速度,Speed,速度,speed\n", encoding="utf-8")
    assert night(con, settings) == 9, "a changed vocabulary extracts every text again"
    assert con.execute("select count(distinct extractor_version) from mart.efficacy_text").fetchone() == (1,)
    assert marts(con) == reference(con, settings)
