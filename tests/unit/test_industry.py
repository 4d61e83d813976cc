"""Concordance labelling: taxonomy shape, most-specific pattern wins, exclusions, SQL == Python twin."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.enrich.industry import LEVEL1_CODES, label_codes, load_taxonomy
from pipeline.settings import PROJECT_ROOT

TAXONOMY = PROJECT_ROOT / "data" / "reference" / "industries.csv"


def test_taxonomy_has_the_fixed_level1_codes_and_valid_parents() -> None:
    industries = load_taxonomy(TAXONOMY)
    level1 = {i.code for i in industries if i.level == 1}
    assert level1 == set(LEVEL1_CODES)
    for industry in industries:
        if industry.level == 2:
            assert industry.parent in level1 and industry.code.startswith(industry.parent + ".")
            assert industry.source and industry.version
        for zone in filter(None, industry.plan_zones.split("|")):
            assert zone in {"CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG"}


def test_most_specific_pattern_and_exclusions_decide() -> None:
    industries = load_taxonomy(TAXONOMY)
    assert label_codes(["H01M 10/0525"], industries) == {"AUTO": 1.0}  # traction battery, NEV
    assert label_codes(["B60W 30/08"], industries) == {"AUTO": 1.0}
    assert label_codes(["H01L 21/02"], industries) == {"ELEC": 1.0}
    assert label_codes(["G06Q 10/08"], industries) == {"LOGI": 1.0}  # excluded from ELEC.COMP
    assert label_codes(["A61K 8/02"], industries) == {"OTHER": 1.0}  # cosmetics excluded from pharma
    assert label_codes(["C01B 3/00"], industries) == {"OTHER": 1.0}


def test_main_code_weighs_double() -> None:
    industries = load_taxonomy(TAXONOMY)
    scores = label_codes(["A61K 31/00", "H04L 9/00"], industries)
    assert scores == {"BIOMED": round(2 / 3, 4), "ELEC": round(1 / 3, 4)}


def test_sql_concordance_matches_python(tmp_path: Path) -> None:
    from pipeline.enrich.industry import _load_patterns
    from pipeline.sql import run_sql

    industries = load_taxonomy(TAXONOMY)
    con = duckdb.connect(":memory:")
    con.execute("create schema core; create schema enrich")
    con.execute("create table core.patent (patent_id varchar)")
    con.execute("create table core.classification (patent_id varchar, scheme varchar, symbol varchar, "
                "is_main boolean, sequence integer)")
    cases = {"P1": ["H01M 10/0525", "G06F 3/00"], "P2": ["A61B 5/00"], "P3": ["B60L 50/60", "B60K 6/20", "C08L 1/00"],
             "P4": ["G06Q 10/08", "H04W 4/00"]}
    for pid, codes in cases.items():
        con.execute("insert into core.patent values (?)", [pid])
        for seq, code in enumerate(codes, start=1):
            con.execute("insert into core.classification values (?, 'IPC', ?, ?, ?)", [pid, code, seq == 1, seq])
    _load_patterns(con, industries)
    run_sql(con, "enrich/industry_codes").fetchall()
    run_sql(con, "enrich/patent_industry_concordance", {"taxonomy_version": "t"}).fetchall()
    for pid, codes in cases.items():
        rows = con.execute("select industry_code, score from enrich.patent_industry where patent_id = ? and level = 1",
                           [pid]).fetchall()
        assert dict(rows) == label_codes(codes, industries)
        primaries = con.execute("select count(*) from enrich.patent_industry where patent_id = ? and level = 1 "
                                "and is_primary", [pid]).fetchall()[0][0]
        assert primaries == 1


def test_a_night_keeps_the_text_model_until_the_labels_grow_by_a_fifth_or_gain_an_industry() -> None:
    from pipeline.enrich.industry import needs_retraining

    card = {"source_fingerprint": "old", "labelled_docs": 1000, "class_counts": {"AUTO": 600, "ELEC": 400}}
    classes = {"AUTO", "ELEC"}
    assert needs_retraining(None, 10, classes, retrain=False, source_fingerprint="x")  # no model yet
    assert not needs_retraining(card, 1199, classes, retrain=False, source_fingerprint="new")
    assert needs_retraining(card, 1200, classes, retrain=False, source_fingerprint="new")
    assert needs_retraining(card, 1001, {*classes, "BIOMED"}, retrain=False, source_fingerprint="new")
    # a full rebuild refits on any change of the labelled data, and never for the same data
    assert needs_retraining(card, 1001, classes, retrain=True, source_fingerprint="new")
    assert not needs_retraining(card, 5000, {*classes, "BIOMED"}, retrain=True, source_fingerprint="old")
