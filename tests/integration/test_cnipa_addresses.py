"""片区 and district attribution on real addresses as filed: CNIPA CN-BIBS-ABSS weekly records (2017).

Two checks on real data:
- every Chongqing record of the 13 shared weeks (data/sample/cnipa: two whole national weeks plus the Chongqing
  rows of the other eleven): the district the address names is found, and no address outside the 片区 host
  districts, or outside Chongqing, reaches a 片区 at the headline threshold;
- a labelled sample of 375 real addresses (tests/data/cq_addresses/cnipa_addresses_labelled.csv, each label with
  its reasoning; '?' = membership that no source settles, left out of the scores): precision and recall of 片区
  at the headline threshold, and the district of every address that names one.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from pipeline.enrich.geo import attribute_address
from pipeline.settings import load_settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WEEKS = sorted((ROOT / "data" / "sample" / "cnipa").glob("CN-BIBS-ABSS*.csv"))
LABELLED = ROOT / "tests" / "data" / "cq_addresses" / "cnipa_addresses_labelled.csv"
THRESHOLD = load_settings({}).headline_threshold
HOSTS = {"500105", "500112", "500109", "500106", "LJXQ"}


def _day(text: str) -> dt.date | None:
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if re.fullmatch(r"\d{8}", text or "") else None


def _week_rows() -> list[dict[str, str]]:
    rows = []
    for path in WEEKS:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


def _district_names() -> dict[str, str]:
    """Every full district name, current or former (…区/…县/…市), from the place table: the independent
    reading of which district an address names is the first of these in its text."""
    with open(load_settings({}).reference_dir / "cq_places.csv", encoding="utf-8") as handle:
        return {
            r["name"]: r["district_codes"]
            for r in csv.DictReader(handle)
            if r["kind"] in ("district", "former")
            and r["name"].endswith(("区", "县", "市"))
            and r["district_codes"] != "LJXQ"
        }


def test_the_weeks_hold_every_chongqing_record():
    chongqing = [r for r in _week_rows() if r["地址"].startswith("重庆") or r["邮编"].startswith("40")]
    assert len(chongqing) >= 1940  # 1,948 Chongqing rows in the 13 weeks, a few with another city's postcode


def test_the_district_named_in_a_chongqing_address_is_found():
    names = _district_names()
    named = found = 0
    misses = []
    for row in _week_rows():
        address = row["地址"]
        if not address.startswith("重庆"):
            continue
        hits = sorted((address.find(n), n) for n in names if n in address)
        if not hits:
            continue
        named += 1
        expected = names[hits[0][1]]
        result = attribute_address(address, day=_day(row["申请日"]), postcode=row["邮编"])
        if expected in (result.district_candidates or "").split("|"):
            found += 1
        else:
            misses.append((address, expected, result.district_candidates, result.district_rule))
    print(f"district named in the address found: {found} of {named} Chongqing records ({found / named:.4f})")
    assert named >= 1800
    assert found / named >= 0.995, misses[:10]


def test_no_address_outside_the_host_districts_or_chongqing_reaches_a_zone():
    wrong = []
    for row in _week_rows():
        result = attribute_address(row["地址"], day=_day(row["申请日"]), postcode=row["邮编"])
        at_headline = result.zone_code is not None and result.confidence >= THRESHOLD
        in_a_host = row["地址"].startswith("重庆") and set((result.district_candidates or "").split("|")) & HOSTS
        if at_headline and not in_a_host:
            wrong.append((row["地址"], result))
    print(f"records outside a host district or Chongqing with a 片区 at >= {THRESHOLD}: {len(wrong)}")
    assert wrong == []


def _labelled() -> list[dict[str, str]]:
    with open(LABELLED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_labelled_sample_is_real_large_and_reasoned():
    cases = _labelled()
    assert len(cases) >= 300
    assert all(c["reasoning"].strip() for c in cases)
    addresses = {r["地址"] for r in _week_rows()}
    assert sum(c["address"] in addresses for c in cases) >= 250  # drawn from the weeks (the rest: other weeks)
    assert {c["expected_zone"] for c in cases} >= {"CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG", "", "?"}


def test_zone_precision_and_recall_on_the_labelled_sample():
    true_positive = false_positive = false_negative = 0
    mistakes = []
    for case in _labelled():
        if case["expected_zone"] == "?":
            continue
        result = attribute_address(case["address"], day=_day(case["filing_date"]), postcode=case["postcode"])
        predicted = result.zone_code if result.confidence >= THRESHOLD else None
        expected = case["expected_zone"] or None
        if predicted and predicted == expected:
            true_positive += 1
            continue
        if predicted:
            false_positive += 1
        if expected:
            false_negative += 1
        if predicted or expected:
            mistakes.append((case["id"], case["address"], expected, predicted, result.rule))
    precision = true_positive / max(true_positive + false_positive, 1)
    recall = true_positive / max(true_positive + false_negative, 1)
    print(f"片区 at >= {THRESHOLD}: precision {precision:.3f}, recall {recall:.3f}, TP {true_positive}")
    assert precision >= 0.95 and recall >= 0.85, mistakes


def test_the_district_of_every_labelled_address_that_names_one():
    wrong = []
    for case in _labelled():
        if not case["expected_district"]:
            continue
        result = attribute_address(case["address"], day=_day(case["filing_date"]), postcode=case["postcode"])
        if case["expected_district"] not in (result.district_candidates or "").split("|"):
            wrong.append((case["id"], case["address"], case["expected_district"], result.district_candidates))
    assert wrong == []
