"""Real-data classifier evaluation on a slice: split by document, SEI mapping, and a macro-F1 floor per language.

The floors sit below what this slice scores (see the test) and well above chance (1/6 for six classes), so a
broken tokeniser, a label leak fixed the wrong way or a model that predicts one class fails them.
"""

from __future__ import annotations

import time

from pipeline.enrich import clfeval
from pipeline.enrich.industry import load_taxonomy
from pipeline.settings import PROJECT_ROOT, load_settings

SLICE = ("incopat_toyota_autonomous_driving_bilingual_rows1-1500.xlsx",)
FLOOR = {"real_zh": 0.40, "real_en": 0.40}


def test_sei_mapping_is_partial_and_by_code_or_name() -> None:
    assert clfeval.sei_industry(["人工智能"]) == "ELEC"
    assert clfeval.sei_industry(["8.1", "5.2"]) == "AUTO"  # first mappable label
    assert clfeval.sei_industry(["前沿新材料", "卫星及应用产业"]) is None


def test_split_keeps_bilingual_twins_together_and_dedupes() -> None:
    docs = [clfeval.Doc(f"g{i // 2}", "zh" if i % 2 else "en", "s", f"text {i // 2} {i % 2}", "AB"[i % 4 // 2],
                        None) for i in range(80)]
    docs.append(clfeval.Doc("dup", "en", "s", "TEXT 0  0", "A", None))
    kept = clfeval.dedupe(docs)
    assert len(kept) == 80
    train, test = clfeval.split(kept)
    assert {kept[i].group for i in train}.isdisjoint({kept[i].group for i in test})


def test_real_slice_macro_f1_floor_per_language() -> None:
    started = time.time()
    settings = load_settings()
    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    docs = clfeval.cn_docs(PROJECT_ROOT / "tests" / "data" / "cn_vendor", industries, SLICE)
    report, _ = clfeval.evaluate_docs(docs)
    print({k: report[k]["macro_f1"] for k in FLOOR}, round(time.time() - started, 1))
    for language, floor in FLOOR.items():
        assert report[language]["macro_f1"] >= floor, (language, report[language])
    assert report["sei_agreement"]["heldout_records"] > 0
