"""Normalisers shared by every source: publication numbers, dates, classification symbols, text width.

Every function is pure and total: it returns None for input it cannot make sense of rather than raising,
so adapters decide whether a None is a quarantine-worthy defect.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

# --- text ---------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


_HALFWIDTH = {0x3000: " ", **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}}
_FULLWIDTH = re.compile("[\u3000\uff01-\uff5e]")  # exactly the keys of _HALFWIDTH


def to_halfwidth(text: str) -> str:
    """Fold full-width ASCII (Ｈ０１Ｌ, （重庆）) and ideographic spaces to their half-width forms.

    NFKC does this too but also rewrites other compatibility characters (e.g. ㈱, ①) that carry meaning in
    names, so only the full-width block and the ideographic space are folded. Every CN export cell passes
    through here: str.translate with a dict looks each character up in Python (~45 µs for an abstract), so
    the few distinct full-width characters are found by a regex and replaced with str.replace (~8 µs).
    """
    if text.isascii():
        return text
    for char in set(_FULLWIDTH.findall(text)):
        text = text.replace(char, _HALFWIDTH[ord(char)])
    return text


def clean_text(value: object) -> str | None:
    """Strip, fold width and collapse whitespace; empty or placeholder values become None."""
    if value is None:
        return None
    text = _SPACES.sub(" ", to_halfwidth(str(value))).strip()
    if text in {"", "-", "--", "None", "null", "NULL", "nan", "NaN", "0"}:
        return None
    return text


def normalize_name(value: object) -> str | None:
    """Light, lossless-in-spirit name key: width folded, upper-cased, punctuation spaced out."""
    if isinstance(value, str):
        return _name_key(value)
    return _name_key_uncached(value)


@lru_cache(maxsize=1 << 16)
def _name_key(value: str) -> str | None:
    """normalize_name of a string, memoised: every party row of every source is keyed, and applicant and
    inventor names come back on many records."""
    return _name_key_uncached(value)


def _name_key_uncached(value: object) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).upper()
    text = re.sub(r"[.,;:'\"“”‘’`]+", " ", text)
    return _SPACES.sub(" ", text).strip() or None


# --- publication numbers ------------------------------------------------------------------------------

_KIND = r"(?P<kind>[A-Z][0-9]?)"
_PUBNO = re.compile(
    # Letter prefixes: US RE/PP/D/H/T/X; elsewhere e.g. JP era S/H/R (JP S5791798 A), TW I/M, BR PI, GE P, JP WO.
    r"^(?P<cc>[A-Z]{2})[\s\-]*(?P<num>(?:RE|PP|PI|WO|[DHTXSRIMP])?[0-9](?:[0-9/.,\s\-]*[0-9X])?|(?:RE|PP|[DHT])[0-9]+)"
    r"(?:[\s\-.]*" + _KIND + r")?$"
)


def split_publication_number(value: object) -> tuple[str, str, str | None] | None:
    """Split a publication number into (country, number, kind) in canonical form.

    Accepts `US 8001762 B2`, `US8001762B2`, `US-8001762-B2`, `US 2016/0123456 A1`, `US20160123456A1`,
    `CN 110802989 A`, `CN218751475U`, `EP2400812A1`, `USD0512345S`, full-width input.
    US grant numbers lose leading zeros (`08141220` -> `8141220`, `D0512345` -> `D512345`) so that
    USPTO XML, PatentsView and citation lists meet; US pre-grant numbers become 11 digits (YYYY + 7).
    """
    text = clean_text(value)
    if text is None:
        return None
    text = text.upper().replace("\u2010", "-")
    match = _PUBNO.match(text)
    if not match:
        return None
    country = match.group("cc")
    number = re.sub(r"[\s/.,\-]", "", match.group("num"))
    kind = match.group("kind")
    if country == "US":
        canonical = _canonical_us_number(number)
        if canonical is None:
            return None
        number = canonical
    elif country == "CN":
        # CN numbers are 9 digits (1985-2007 style: 8 + check) or 9 since 2007; the ".X" check digit on
        # application numbers is not part of a publication number.
        number = number.rstrip("X") if len(number) > 9 else number
    return country, number, kind


def _canonical_us_number(number: str) -> str | None:
    prefix_match = re.match(r"^(RE|PP|[DHTX])?0*([0-9]+)$", number)
    if not prefix_match:
        return None
    prefix, digits = prefix_match.group(1) or "", prefix_match.group(2)
    if not digits.strip("0"):
        return None  # all zeros: a placeholder, not a number
    if not prefix and len(number) >= 10 and number[:2] in {"19", "20"}:
        # pre-grant publication: YYYY + serial, padded to 7 digits (2002/123456 -> 20020123456)
        year, serial = number[:4], number[4:].lstrip("0") or "0"
        return year + serial.zfill(7)
    return prefix + digits


def normalize_publication_number(value: object, kind: object = None) -> str | None:
    """Canonical publication number `CC` + number + kind, e.g. `US8141220B2`; kind optional."""
    parts = split_publication_number(value)
    if parts is None:
        return None
    country, number, parsed_kind = parts
    extra_kind = clean_text(kind)
    final_kind = parsed_kind or (extra_kind.upper() if extra_kind else None)
    return country + number + (final_kind or "")


def number_key(value: object) -> str | None:
    """Country + number without kind: the key on which citations meet documents (`US8141220`)."""
    parts = split_publication_number(value)
    return None if parts is None else parts[0] + parts[1]


# --- dates --------------------------------------------------------------------------------------------

MIN_DATE = date(1790, 1, 1)
# '%Y-%m-%d %H:%M:%S' is how an XLSX date cell reads once stringified (str(datetime)).
_DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


def parse_date(value: object, *, today: date | None = None) -> date | None:
    """Parse the date spellings the sources use; impossible or out-of-range dates give None.

    Integers such as 20170315 (Chinese exports) and `0` (meaning "none") are accepted; `2017年3月15日` too.
    """
    if value is None:
        return None
    upper = date((today or date.today()).year + 2, 12, 31)
    if isinstance(value, date):  # datetime too; a date object out of range is as impossible as the text
        day = value.date() if isinstance(value, datetime) else value
        return day if MIN_DATE <= day <= upper else None
    text = clean_text(value)
    if text is None:
        return None
    text = re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", r"\1-\2-\3", text)
    if re.fullmatch(r"\d{8}\.0", text):
        text = text[:8]
    if re.fullmatch(r"[0-9]+", text) and len(text) != 8:
        return None  # strptime would read 202011 as 2020-01-01 and 2020111 as 2020-11-01: only YYYYMMDD is a date
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if MIN_DATE <= parsed <= upper:
            return parsed
        return None
    return None


# --- classification symbols ---------------------------------------------------------------------------

_IPC = re.compile(r"^([A-HY])\s*([0-9]{2})\s*([A-Z])\s*(?:([0-9]{1,4})\s*(?:/\s*([0-9]{1,6}))?)?")


def normalize_ipc(value: object) -> str | None:
    """Canonical IPC/CPC symbol `H01L 21/02` (subclass, space, main group, slash, subgroup); CPC section Y too.

    Compact `H01L21/02`, padded `H01L0021020000` (USPTO ipcr style), `H01L 21/02 (2006.01)` and full-width
    forms all meet. A bare subclass (`H01L`) is returned as is; a group without subgroup gets `/00`.
    """
    text = clean_text(value)
    if text is None:
        return None
    text = re.sub(r"\(.*?\)", "", text.upper()).strip()
    padded = re.fullmatch(r"([A-HY][0-9]{2}[A-Z])([0-9]{4})([0-9]{6})", text.replace(" ", ""))
    if padded:
        group = padded.group(2).lstrip("0") or "0"
        return f"{padded.group(1)} {group}/{_canonical_subgroup(padded.group(3))}"
    match = _IPC.match(text)
    if not match:
        return None
    section, klass, subclass_letter, group, subgroup = match.groups()
    subclass = f"{section}{klass}{subclass_letter}"
    if group is None:
        # 'H01L-21/02' must not quietly shrink to 'H01L': a group we could not read makes the symbol unusable
        return None if re.search(r"[0-9]", text[match.end() :]) else subclass
    group = group.lstrip("0") or "0"
    return f"{subclass} {group}/{_canonical_subgroup(subgroup)}"


def _canonical_subgroup(subgroup: str | None) -> str:
    """Subgroup digits are decimal-ordered (21/02 < 21/021 < 21/0214): zeros past the second digit carry no
    meaning, so `1790` and `179` are the same subgroup and both print as `179`; at least two digits are kept."""
    digits = (subgroup or "").rstrip("0")
    return digits.ljust(2, "0")


def ipc_subclass(symbol: str | None) -> str | None:
    return symbol[:4] if symbol and len(symbol) >= 4 else None


def ipc_main_group(symbol: str | None) -> str | None:
    """`H01L 21/02` -> `H01L 21/00`."""
    if not symbol or " " not in symbol:
        return None
    return symbol.split("/")[0] + "/00"


# --- Chinese patent types -----------------------------------------------------------------------------

CN_DOC_TYPES = {
    "发明申请": "invention",
    "发明公开": "invention",
    "发明授权": "invention",
    "发明": "invention",
    "实用新型": "utility_model",
    "外观设计": "design",
}


def doc_type_from_kind(country: str | None, kind: str | None) -> str | None:
    """Infer the document type from the kind code where the source does not say it."""
    if not country or not kind:
        return None
    kind = kind.upper()
    if country == "CN":
        return {
            "A": "invention",
            "B": "invention",
            "C": "invention",
            "U": "utility_model",
            "Y": "utility_model",
            "S": "design",
            "D": "design",
        }.get(kind[0])
    if country == "US":
        if kind in {"A1", "A2", "A9"}:
            return "application"
        if kind.startswith("S"):
            return "design"
        if kind.startswith("P"):
            return "plant"
        if kind.startswith("E"):
            return "reissue"
        return "grant"
    if kind.startswith("A"):
        return "application"
    if kind.startswith(("B", "C")):
        return "grant"
    if kind.startswith("U"):
        return "utility_model"
    return None
