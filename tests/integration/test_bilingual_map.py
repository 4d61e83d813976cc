"""Issue 13 item 1 on real bilingual incoPat records (a bounded slice; bench/bilingual_map.py runs them all):
a record's Chinese and English versions land in the same topic and close together when the codes are given."""

from __future__ import annotations

from pathlib import Path

from pipeline.enrich import mapcheck
from pipeline.enrich.cn_samples import bilingual, read_cn_export
from pipeline.enrich.industry import load_taxonomy
from pipeline.enrich.samples import primary_label

ROOT = Path(__file__).resolve().parents[2]
FILES = ("incopat_chatbot_bilingual_part1.xlsx", "incopat_iflytek_efficacy_bilingual.xlsx",
         "incopat_toyota_autonomous_driving_bilingual_rows1-1500.xlsx")
PER_FILE = 300


def test_bilingual_pairs_share_topic_and_place_with_codes() -> None:
    industries = load_taxonomy(ROOT / "data" / "reference" / "industries.csv")
    records, labels = [], []
    for name in FILES:
        kept = 0
        for record in bilingual(read_cn_export(ROOT / "tests" / "data" / "cn_vendor" / name)):
            label = primary_label(record.codes, industries)
            if label and record.abstract and record.abstract_en and kept < PER_FILE:
                records.append(record)
                labels.append(label)
                kept += 1
    assert len(records) == 3 * PER_FILE
    with_codes = mapcheck.measure(records, labels, with_codes=True)
    assert with_codes["same_topic"] >= 0.80, with_codes
    assert with_codes["distance_ratio"] <= 0.25, with_codes
    # text alone bridges less, but far better than chance (a random pair is at ratio ~1)
    text_only = mapcheck.measure(records, labels, with_codes=False)
    assert text_only["distance_ratio"] < 0.9, text_only
