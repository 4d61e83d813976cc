"""Cell values as vendors write them -> typed values. Pure functions; None for what cannot be read."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from pipeline.normalize import clean_text, normalize_ipc, normalize_publication_number, parse_date, to_halfwidth

# Excel's day 0 is 1899-12-30 (the 1900 leap-year bug is before any patent date we read).
EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (10_000, 80_000)  # 1927 .. 2119: five-digit serials, never confused with YYYYMMDD

_LIST_SPLIT = re.compile(r"\s*(?:[;；|\n\r]|_x000D_)+\s*")
_CLASS_SPLIT = re.compile(r"\s*(?:[;；|\n\r,，]|_x000D_)+\s*")
_PUBNO_TOKEN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}\s?[0-9]{5,13}(?:\.[0-9X])?\s?(?:[A-Z][0-9]?)?)(?![A-Za-z0-9])")
_DERWENT_SYMBOL = re.compile(r"^([A-HY][0-9]{2}[A-Z])([0-9]{4})([0-9]{2,6})$")
_BRACKETED = re.compile(r"^\[(.*)\]$")
_POSTCODE = re.compile(r"^\s*(\d{6})\s*(.*)$", re.S)
_REGION = re.compile(r"^\s*([\u4e00-\u9fff]{2,3})\((\d{2})\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_VENDOR_CLASS = re.compile(r"^(?P<code>[0-9A-Z][0-9A-Z.\-]*)\s*(?:\((?P<label>.*)\))?$")


def cell_text(value: object) -> str | None:
    """An Excel or CSV cell as text: whole floats lose '.0', datetimes become ISO dates, '_x000D_' a CR."""
    if type(value) is str:  # most cells: skip the isinstance chain
        return (value.replace("_x000D_", "\r") if "_x000D_" in value else value) or None
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("_x000D_", "\r")


def has_cjk(text: str | None) -> bool:
    return bool(text and _CJK.search(text))


def split_list(value: object) -> list[str]:
    """Multi-value cells: `;`, `；`, `|`, ` | ` and newlines separate values (never commas: names contain them)."""
    text = cell_text(value)
    if not text:
        return []
    return [part for part in (clean_text(p) for p in _LIST_SPLIT.split(text)) if part]


def split_classes(value: object) -> list[str]:
    """Vendor class lists also use commas: `1.1 (下一代信息网络产业),8.4 (数字创意与融合服务)`."""
    text = cell_text(value)
    if not text:
        return []
    return [part for part in (clean_text(p) for p in _CLASS_SPLIT.split(text)) if part]


def parse_cn_date(value: object) -> date | None:
    """Dates as exports carry them: Excel serials (45030, 45057.0), YYYYMMDD, YYYY.MM.DD, YYYY/MM/DD, ISO."""
    if isinstance(value, (date, datetime)):
        return parse_date(value)
    text = cell_text(value)
    if text is None:
        return None
    serial = re.fullmatch(r"(\d{5})(?:\.0+)?", text.strip())
    if serial and SERIAL_RANGE[0] <= int(serial.group(1)) <= SERIAL_RANGE[1]:
        return parse_date(EXCEL_EPOCH + timedelta(days=int(serial.group(1))))
    return parse_date(text.strip().split(" ")[0] if re.match(r"\d{4}-\d{2}-\d{2} ", text) else text)


def parse_count(value: object) -> int | None:
    text = clean_text(cell_text(value))
    if text is None:
        return 0 if cell_text(value) == "0" else None
    return int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else None


def find_publication_numbers(value: object) -> list[str]:
    """Every publication number in a cell: lists, link cells (`到incoPat中查看\\r\\nCN115958995A`), CNKI hrefs,
    Derwent citation details (`CN2550114Y,CN,A,0 (Examiner),…`)."""
    text = cell_text(value)
    if not text:
        return []
    found = []
    for token in _PUBNO_TOKEN.findall(text.upper().replace("FILENAME=", " ")):
        number = normalize_publication_number(token.replace(" ", ""))
        if number and number not in found:
            found.append(number)
    return found


def publication_number(value: object) -> str | None:
    text = clean_text(cell_text(value))
    if text is None:
        return None
    direct = normalize_publication_number(text)
    if direct and re.fullmatch(r"[A-Z]{2}[A-Z0-9 ./\-]*", text.upper()):
        return direct
    found = find_publication_numbers(text)
    if found:
        return found[0]
    verbatim = verbatim_number(text)
    return verbatim[0] if verbatim else None


_VERBATIM_NUMBER = re.compile(r"^(?P<key>[A-Z]{2}[A-Z0-9]*[0-9])(?P<kind>[A-Z]{1,2}[0-9]?)?$")


def verbatim_number(value: object) -> tuple[str, str, str | None] | None:
    """(patent_id, number_key, kind) for numbers the shared normaliser does not know (SG11202004541WA,
    BRMU2113738U2, IN5974CHE2015A): kept as written rather than lost; they only meet identical spellings."""
    text = clean_text(cell_text(value))
    match = _VERBATIM_NUMBER.match(text.upper().replace(" ", "")) if text else None
    return (match.group(0), match.group("key"), match.group("kind")) if match else None


_INTERNAL_APPLICATION = re.compile(r"^(?:CN)?([123])0((?:19|20)\d\d)00(\d{7})$")


def application_number(value: object) -> str | None:
    """As written (upper case, no spaces), except CNIPA's 15-digit internal form, which becomes the published one:
    `CN102015000305529` -> `CN201510305529.5` (type 10/20/30 + year + 00 + 7-digit serial, check digit computed;
    before 2003 the 8-digit `CN85100312`)."""
    text = clean_text(cell_text(value))
    if not text:
        return None
    text = text.upper().replace(" ", "")
    internal = _INTERNAL_APPLICATION.match(text)
    if internal:
        kind, year, serial = internal.groups()
        if int(year) < 2003:
            return f"CN{year[2:]}{kind}{serial[2:]}" if serial.startswith("00") else text
        return f"CN{year}{kind}{serial}.{cn_check_digit(year + kind + serial)}"
    return text


def cn_check_digit(digits: str) -> str:
    """Check character of a CN application number (weights 2..9 repeating, mod 11, 10 -> X)."""
    total = sum(int(d) * w for d, w in zip(digits, [2, 3, 4, 5, 6, 7, 8, 9] * 2, strict=False))
    return "X" if total % 11 == 10 else str(total % 11)


@lru_cache(maxsize=1 << 16)
def _ipc_from_text(text: str) -> str | None:
    compact = _DERWENT_SYMBOL.match(text.replace(" ", ""))
    if compact and "/" not in text:
        subclass, group, subgroup = compact.groups()
        return normalize_ipc(f"{subclass}{int(group)}/{subgroup}")
    return normalize_ipc(text)


def ipc_symbol(value: object) -> str | None:
    """IPC/CPC in any vendor spelling: `G09B  9/00`, `G06F16/583`, Derwent's compact `G07G000100`."""
    text = clean_text(cell_text(value))
    return None if text is None else _ipc_from_text(text)


def ipc_symbols(value: object) -> list[str]:
    text = cell_text(value)
    if text and text.lstrip().startswith("["):
        try:
            items = json.loads(text.replace("'", '"'))
        except json.JSONDecodeError:
            items = []
        return [s for s in (ipc_symbol(i) for i in items) if s]
    return [s for s in (_ipc_from_text(p) for p in split_list(value)) if s]


def names(value: object) -> list[str]:
    """Names, with the brackets incoPat puts round standardised names (`[福特汽车-C]`) removed."""
    out = []
    for part in split_list(value):
        bracketed = _BRACKETED.match(part)
        name = clean_text(bracketed.group(1) if bracketed else part)
        if name and name not in out:
            out.append(name)
    return out


def postcode_address(value: object) -> tuple[str | None, str | None]:
    text = clean_text(cell_text(value))
    if text is None:
        return None, None
    match = _POSTCODE.match(text)
    return (match.group(1), match.group(2).strip() or None) if match else (None, text)


def region_country(value: object) -> str | None:
    text = clean_text(cell_text(value))
    return "CN" if text and _REGION.match(text) else None


def vendor_classes(value: object) -> list[tuple[str, str | None]]:
    """(code, label) pairs: `1.5 (人工智能)` -> ('1.5', '人工智能'); `I6490` -> ('I6490', None); free text
    annotations (tech-efficacy phrases) -> (text, None)."""
    return list(dict.fromkeys(_vendor_class(part) for part in split_classes(value)))


@lru_cache(maxsize=1 << 14)
def _vendor_class(part: str) -> tuple[str, str | None]:
    match = _VENDOR_CLASS.match(part)
    return (match.group("code"), clean_text(match.group("label"))) if match else (part, None)


def vendor_annotations(value: object) -> list[tuple[str, str | None]]:
    """Free-text annotations split on list separators only (phrases may contain commas)."""
    return [(part, None) for part in dict.fromkeys(split_list(value))]


_PLACEHOLDERS = {"", "-", "--", "None", "null", "NULL", "nan", "NaN", "0"}


def text_value(value: object) -> Any:
    """clean_text for long cells (abstracts, claims): the same result, with str.split instead of a regex."""
    text = cell_text(value)
    if text is None:
        return None
    folded = " ".join(to_halfwidth(text).split())
    return None if folded in _PLACEHOLDERS else folded
