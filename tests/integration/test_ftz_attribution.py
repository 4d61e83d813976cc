"""片区 attribution against a labelled set of 204 addresses: precision and recall at the headline threshold.

The set (tests/data/ftz_addresses_labelled.csv) holds positives for every zone and sub-area in Chinese, English
and pinyin, old (江北区/渝北区) and new (两江新区) forms, full-width text and postcodes; and negatives: other
districts, host-district-only addresses, other bonded zones, linked innovation zones, the airport, bare 果园,
zone words in other provinces, candidate streets (below the threshold by design) and empty strings.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.enrich.geo import attribute_address
from pipeline.settings import load_settings

pytestmark = pytest.mark.integration

LABELLED = Path(__file__).resolve().parents[1] / "data" / "ftz_addresses_labelled.csv"
THRESHOLD = load_settings({}).headline_threshold


def load_cases() -> list[dict[str, str]]:
    with open(LABELLED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_labelled_set_is_large_and_covers_every_zone_and_subarea():
    cases = load_cases()
    assert len(cases) >= 200
    zones = {c["expected_zone"] for c in cases if c["expected_zone"]}
    assert zones == {"CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG"}
    subareas = {c["expected_subarea"] for c in cases if c["expected_subarea"]}
    assert {
        "CQFTZ-LJ-ZBQ",
        "CQFTZ-LJ-KG",
        "CQFTZ-LJ-CT",
        "CQFTZ-LJ-JBZ",
        "CQFTZ-XY-ZBQ",
        "CQFTZ-XY-WDY",
        "CQFTZ-XY-TJC",
        "CQFTZ-GYG-PORT",
        "CQFTZ-GYG-YZ",
    } <= subareas
    assert sum(1 for c in cases if not c["expected_zone"]) >= 90


def test_precision_and_recall_at_the_headline_threshold():
    true_positive = false_positive = false_negative = 0
    mistakes = []
    for case in load_cases():
        result = attribute_address(case["address"])
        predicted = result.zone_code if result.confidence >= THRESHOLD else None
        expected = case["expected_zone"] or None
        if predicted and predicted == expected:
            true_positive += 1
        else:
            if predicted:
                false_positive += 1
            if expected:
                false_negative += 1
            if predicted != expected:
                mistakes.append((case["id"], case["address"], expected, predicted, result.rule))
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    print(
        f"\n片区 attribution at confidence >= {THRESHOLD}: precision {precision:.3f}, recall {recall:.3f} "
        f"(tp {true_positive}, fp {false_positive}, fn {false_negative})"
    )
    for mistake in mistakes:
        print("  miss:", mistake)
    assert precision >= 0.95
    assert recall >= 0.90


def test_subarea_is_right_whenever_the_zone_is():
    wrong = []
    for case in load_cases():
        result = attribute_address(case["address"])
        confident = result.confidence >= THRESHOLD and result.zone_code == case["expected_zone"]
        if case["expected_subarea"] and confident and result.subarea_code != case["expected_subarea"]:
            wrong.append((case["address"], case["expected_subarea"], result.subarea_code))
    assert wrong == []
