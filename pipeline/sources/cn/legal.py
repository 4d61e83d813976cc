"""Legal status and legal events in a small vocabulary (data/reference/cn_legal_vocabulary.csv).

Status terms: in_force / lapsed / pending / unknown. Event terms: transfer, licence, pledge, invalidation,
reexamination, litigation, grant, examination, rejection, withdrawal, lapse, publication, other.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pipeline.normalize import clean_text
from pipeline.settings import load_settings
from pipeline.sources.cn.values import cell_text, parse_cn_date, split_list

VOCABULARY_FILE = "cn_legal_vocabulary.csv"
STATUS_TERMS = ("in_force", "lapsed", "pending", "unknown")
_DATE_IN_TEXT = re.compile(r"(\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?<!\d)\d{8}(?!\d))")


@dataclass(frozen=True)
class Vocabulary:
    status: tuple[tuple[str, str], ...]  # (vendor term, our term), exact match first, then contained
    events: tuple[tuple[str, str], ...]  # longest vendor term first


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    path = path or load_settings().reference_dir / VOCABULARY_FILE
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("vendor_term")]
    status = tuple((r["vendor_term"].strip(), r["our_term"].strip()) for r in rows if r["kind"] == "status")
    events = [(r["vendor_term"].strip().upper(), r["our_term"].strip()) for r in rows if r["kind"] == "event"]
    return Vocabulary(status, tuple(sorted(events, key=lambda p: -len(p[0]))))


def normalize_status(value: object, vocabulary: Vocabulary | None = None) -> str | None:
    """Our status term for a vendor's words; 'unknown' for words not in the vocabulary, None for no value."""
    text = clean_text(cell_text(value))
    if text is None:
        return None
    vocabulary = vocabulary or load_vocabulary()
    for term, ours in vocabulary.status:
        if text.casefold() == term.casefold():
            return ours
    for term, ours in sorted(vocabulary.status, key=lambda p: -len(p[0])):
        if term.casefold() in text.casefold():
            return ours
    return "unknown"


def event_type(text: str, vocabulary: Vocabulary | None = None) -> str:
    upper = text.upper()
    for term, ours in (vocabulary or load_vocabulary()).events:
        if term in upper:
            return ours
    return "other"


def parse_event_list(value: object, vocabulary: Vocabulary | None = None) -> list[tuple[str, date | None, str]]:
    """(event type, date, text) per item of an event history: `2018-11-27 GR01 PATENT GRANT + | 2018-06-12 …`."""
    events = []
    for item in split_list(value):
        found = _DATE_IN_TEXT.search(item)
        when = parse_cn_date(found.group(1).replace(".", "-").replace("/", "-")) if found else None
        events.append((event_type(item, vocabulary), when, item))
    return events
