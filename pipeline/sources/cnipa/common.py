"""Values shared by both CNIPA XML generations: text, address parts, dates, numbers, the patent row."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipeline.normalize import clean_text, doc_type_from_kind, normalize_publication_number, number_key
from pipeline.normalize import parse_date as _parse_date
from pipeline.sources.cn import values

_POSTCODE_TEXT = re.compile(r"^\s*(\d{6})(?!\d)\s*(.*)$", re.S)
_APPLICATION = re.compile(r"^(?:CN)?(\d{8}|\d{12})\.?([0-9X])?$")
ADDRESS_COLUMNS = ("country", "state", "city", "county", "postcode", "address_raw")
_PLACEHOLDER = {"", "0", "00", "000000", "00000000", "0000000000"}


def text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    return clean_text(" ".join("".join(node.itertext()).split()))


def part(node: etree._Element | None) -> str | None:
    """An address part; CNIPA writes a missing part as `0`."""
    value = text(node)
    return None if value is None or value in _PLACEHOLDER else value


def day(value: str | None) -> Any:
    return None if not value or value.strip("0") == "" else _parse_date(value)


def application_number(number: str | None) -> str | None:
    """`CN201610058726.X` from `201610058726.X`, `CN201610058726.X` or CNIPA's 15-digit internal form
    `102016000058726` (see values.application_number); a bare 12-digit number gains its check digit."""
    text = values.application_number(number)
    plain = _APPLICATION.match(text) if text else None
    if plain:
        digits, check = plain.groups()
        if len(digits) == 12 and check is None:
            check = values.cn_check_digit(digits)
        return f"CN{digits}" + (f".{check}" if check else "")
    return text


def split_postcode(text: str | None) -> tuple[str | None, str | None]:
    """('518105', '广东省深圳市…') from '518105 广东省深圳市…'; (None, text) when it does not start with one."""
    if not text:
        return None, None
    match = _POSTCODE_TEXT.match(text)
    if match:
        return match.group(1), clean_text(match.group(2))
    return None, text


def party_type(name: str) -> str:
    return "person" if len(name) <= 4 and not re.search(r"[A-Za-z0-9]", name) else "organization"


def unique_classes(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in found:
        key = (row["scheme"], row["symbol"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def patent_row(
    publication: dict[str, str | None],
    application: dict[str, str | None],
    priority_dates: list[str | None],
    title: str | None,
    abstract: str | None,
    language: str,
) -> dict[str, Any]:
    country = (publication.get("country") or "CN").upper()
    number = publication.get("number")
    kind = publication.get("kind")
    patent_id = normalize_publication_number(f"{country}{number}", kind) if number else None
    published = day(publication.get("date"))
    doc_type = doc_type_from_kind(country, kind)
    is_grant = bool(kind and kind[0] in {"B", "C", "U", "Y", "S"})
    priorities = [d for d in (day(p) for p in priority_dates) if d]
    return {
        "patent_id": patent_id,
        "number_key": number_key(patent_id),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": doc_type,
        "application_number": application_number(application.get("number")),
        "application_date": day(application.get("date")),
        "publication_date": published,
        "grant_date": published if is_grant else None,
        "priority_date": min(priorities, default=None),
        "title": title,
        "abstract": abstract,
        "language": "zh" if language in {"zh", "cn"} else language,
    }
