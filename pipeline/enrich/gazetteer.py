"""The FTZ gazetteer (data/reference/ftz_gazetteer.csv): keywords per zone, sub-area, district and exclusion.

One row per (place, tier). Tiers, strongest first: facility (a named zone or bonded facility), core (a core
sub-area), street (a candidate street or park, reported separately), postcode (tie-breaker only), district
(host district: never a zone), exclusion (removed from the text before any zone keyword is looked for).
The version is the file's sha256 prefix, recorded on every attribution.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TIERS = ("facility", "core", "street", "postcode")
_ZONE_CODES = {"CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG"}


@dataclass(frozen=True)
class Entry:
    code: str
    level: str
    zone_code: str | None
    subarea_code: str | None
    district_code: str | None
    tier: str
    confidence: float
    keywords: tuple[str, ...]
    postcodes: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    version: str
    entries: tuple[Entry, ...]
    rows: tuple[dict[str, str], ...]

    def tier(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.tier == name]


def _zone_of(code: str, level: str, parent: str) -> tuple[str | None, str | None]:
    if level == "zone":
        return code, None
    if level == "subarea":
        return parent, code
    return None, None


@cache
def load_gazetteer(path: Path) -> Gazetteer:
    raw = path.read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    entries = []
    for row_number, row in enumerate(rows, start=2):
        zone, subarea = _zone_of(row["code"], row["level"], row["parent"])
        if zone is not None and zone not in _ZONE_CODES:
            raise ValueError(f"{path.name} line {row_number}: unknown parent zone {zone!r}")
        if row["tier"] not in (*TIERS, "district", "exclusion"):
            raise ValueError(f"{path.name} line {row_number}: unknown tier {row['tier']!r}")
        confidence = float(row["confidence"] or 0)
        if not 0 <= confidence <= 1:
            raise ValueError(f"{path.name} line {row_number}: confidence {confidence} outside 0..1")
        entries.append(
            Entry(
                code=row["code"],
                level=row["level"],
                zone_code=zone,
                subarea_code=subarea,
                district_code=row["district_code"] or None,
                tier=row["tier"],
                confidence=confidence,
                keywords=tuple(k.strip() for k in row["keywords"].split("|") if k.strip()),
                postcodes=tuple(p.strip() for p in row["postcodes"].split("|") if p.strip()),
            )
        )
    return Gazetteer(hashlib.sha256(raw).hexdigest()[:12], tuple(entries), tuple(rows))


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """Chinese keywords match as substrings; Latin ones case-insensitively on word boundaries, so that
    'Jiangbei' does not fire inside 'Jiangbeizui'."""
    if re.search(r"[A-Za-z]", keyword):
        return re.compile(r"(?<![A-Za-z])" + re.escape(keyword).replace(r"\ ", r"[\s\-]*") + r"(?![A-Za-z])", re.I)
    return re.compile(re.escape(keyword))
