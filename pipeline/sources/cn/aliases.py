"""The field-alias dictionary: every name a vendor gives a column -> one canonical field.

Header cells are compared after `header_key` folds what differs between vendors and versions but carries no
meaning (full/half width, bracket shapes, spaces, case). A trailing language suffix such as "(中文)" or "(英文)"
is not part of the name: it selects the language variant of the field (标题 (英文) -> title_en).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.normalize import to_halfwidth
from pipeline.settings import load_settings

ALIAS_FILE = "cn_field_aliases.csv"

# Fields that have an English twin; a language suffix picks the twin.
LANGUAGE_TWINS = {"title": "title_en", "abstract": "abstract_en", "first_claim": "first_claim_en"}
LANGUAGE_SUFFIXES = {
    "中文": "zh",
    "英文": "en",
    "原文": "original",
    "翻译": "translation",
    "中文翻译": "zh",
    "英文翻译": "en",
    "en": "en",
    "zh": "zh",
    "cn": "zh",
}
NUMBER_FIELDS = ("publication_number", "grant_number", "application_number")
TEXT_FIELDS = ("title", "title_en", "abstract", "abstract_en")

_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "{": "(", "}": ")"})
_SPACES = re.compile(r"\s+")
_SUFFIX = re.compile(r"^(?P<base>.+?)\((?P<lang>[^()]+)\)$")


# Field families by the header words that name them, and the fields of the family that hold lists (names, numbers,
# symbols) and counts. An unused column whose header holds one of the words is most likely a vendor spelling missing
# from the dictionary (a Patentics layout once lost all its citation lists that way): ingest names it, unless the
# file already feeds a field of the same family and kind (Derwent's dozens of IPC/CPC variants beside a mapped IPC
# column are extras, not a loss). Words are matched on header_key (case folded, no spaces).
@dataclass(frozen=True)
class Family:
    name: str
    words: tuple[str, ...]
    lists: frozenset[str]
    counts: frozenset[str] = frozenset()


FAMILIES = (
    Family(
        "citation",
        ("被引", "引用", "引证", "施引", "cited", "citing", "citation", "reference"),
        frozenset({"cited_patents", "citing_patents"}),
        frozenset({"cites_count", "cited_by_count"}),
    ),
    Family("family", ("同族", "family"), frozenset({"family_members"}), frozenset({"family_size"})),
    Family(
        "address",
        ("地址", "邮编", "address", "postcode", "zip"),
        frozenset({"applicant_address", "postcode", "province", "city", "district"}),
    ),
    Family("legal", ("法律", "legal"), frozenset({"legal_status", "legal_events", "validity"})),
    Family(
        "applicant",
        ("权利人", "专利权", "申请人", "applicant", "assignee", "patentee"),
        frozenset(
            {"applicants", "applicants_standardized", "current_owner", "first_applicant", "applicants_with_address"}
        ),
        frozenset({"applicant_count"}),
    ),
    Family(
        "inventor",
        ("发明人", "设计人", "inventor", "designer"),
        frozenset({"inventors", "first_inventor", "inventors_with_address"}),
    ),
    Family(
        "classification",
        ("分类", "ipc", "cpc", "classification"),
        frozenset({"ipc", "ipc_main", "cpc", "cpc_main", "nec", "sei", "sei_main"}),
    ),
    Family("priority", ("优先权", "priority"), frozenset({"priority_date", "priority_number"})),
    Family(
        "transfer/licence/pledge",
        ("转让", "许可", "质押", "transfer", "licen", "pledge"),
        frozenset(
            {
                "transfer",
                "transfer_date",
                "transferor",
                "transferee",
                "licence",
                "licence_date",
                "licensor",
                "licensee",
                "pledge",
                "pledge_date",
                "pledgor",
                "pledgee",
            }
        ),
        frozenset({"transfer_count", "licence_count", "pledge_count"}),
    ),
)
_COUNT_WORDS = ("数", "次数", "计数", "count", "numberof")


# Header cells only Lens (`Lens ID`, `Display Key`, any `Lens …`) and PatentsView (`patent_title`) write: their tables
# have English columns the English aliases also match, so a table holding one of these (even with a damaged or
# renamed Lens column) is never read as a CN export: it is Lens's or PatentsView's to read or refuse.
OWNED_ELSEWHERE = frozenset({"lensid", "displaykey", "patent_title"})


def owned_elsewhere(key: str) -> bool:
    return key in OWNED_ELSEWHERE or key.startswith("lens")


def header_key(cell: object) -> str:
    """Comparable form of a header cell: half width, round brackets, no spaces, case folded, no trailing colon."""
    text = to_halfwidth(str(cell or "")).translate(_BRACKETS)
    text = _SPACES.sub("", text).casefold()
    return text.rstrip(":")


def split_language(key: str) -> tuple[str, str | None]:
    """('标题', 'en') from '标题(英文)'; (key, None) when the bracket is not a language."""
    match = _SUFFIX.match(key)
    if match and match.group("lang") in LANGUAGE_SUFFIXES:
        return match.group("base"), LANGUAGE_SUFFIXES[match.group("lang")]
    return key, None


@dataclass(frozen=True)
class Alias:
    field: str
    alias: str
    vendors: tuple[str, ...]


@dataclass(frozen=True)
class AliasDictionary:
    aliases: tuple[Alias, ...]
    by_key: dict[str, Alias]

    @property
    def fields(self) -> list[str]:
        return list(dict.fromkeys(a.field for a in self.aliases))

    def rank(self, field: str, header: str) -> int:
        """Position of a column's alias in the dictionary: when two columns feed one field, the one whose alias
        comes first wins (so the analyst orders preferences by ordering rows)."""
        key = split_language(header_key(header))[0]
        alias = self.by_key.get(header_key(header)) or self.by_key.get(key)
        return self.aliases.index(alias) if alias else len(self.aliases)


def default_alias_path() -> Path:
    return load_settings().reference_dir / ALIAS_FILE


@cache
def load_aliases(path: Path | None = None) -> AliasDictionary:
    """Read the dictionary; an alias claimed by two fields is an error in the file, named with its line."""
    path = path or default_alias_path()
    aliases: list[Alias] = []
    by_key: dict[str, Alias] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            field, name = (row.get("field") or "").strip(), (row.get("alias") or "").strip()
            if not field or not name:
                continue
            alias = Alias(field, name, tuple(v for v in (row.get("vendors") or "").split("|") if v))
            key = header_key(name)
            if key in by_key and by_key[key].field != field:
                raise ValueError(f"{path} line {line}: alias {name!r} already maps to {by_key[key].field}")
            by_key.setdefault(key, alias)
            aliases.append(alias)
    return AliasDictionary(tuple(aliases), by_key)


@dataclass(frozen=True)
class ColumnMatch:
    index: int
    header: str
    field: str | None  # None: kept as an unused column (extra_json)
    language: str | None


@dataclass(frozen=True)
class HeaderMapping:
    columns: tuple[ColumnMatch, ...]

    @property
    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}

    @property
    def unused(self) -> list[ColumnMatch]:
        return [c for c in self.columns if c.field is None and c.header.strip()]

    def unmapped_families(self) -> list[tuple[str, str]]:
        """(header, family word) of each unused column whose header names a field family of which the file feeds
        no field of the same kind (list or count)."""
        fields = self.fields
        found = []
        for column in self.unused:
            key = header_key(column.header)
            for family in FAMILIES:
                word = next((w for w in family.words if w in key), None)
                if word is None:
                    continue
                is_count = any(w in key for w in _COUNT_WORDS) and bool(family.counts)
                if not fields & (family.counts if is_count else family.lists):
                    found.append((column.header, word))
                break
        return found

    def is_chinese_export(self) -> bool:
        """A number column and a text column (title, or abstract for text-only research sets), and no column that
        only another source writes (a Lens or PatentsView table with a damaged header is not taken for one)."""
        if any(owned_elsewhere(header_key(c.header)) for c in self.columns):
            return False
        return bool(self.fields & set(NUMBER_FIELDS)) and bool(self.fields & set(TEXT_FIELDS))

    def vendor(self, dictionary: AliasDictionary) -> str | None:
        """The vendor most of the matched aliases belong to (evidence label for vendor classifications)."""
        votes: dict[str, int] = {}
        for column in self.columns:
            alias = dictionary.by_key.get(header_key(column.header)) or dictionary.by_key.get(
                split_language(header_key(column.header))[0]
            )
            for vendor in alias.vendors if alias and len(alias.vendors) <= 2 else ():
                votes[vendor] = votes.get(vendor, 0) + 1
        return max(sorted(votes), key=lambda v: votes[v]) if votes else None


def match_column(cell: object, dictionary: AliasDictionary) -> tuple[str | None, str | None]:
    """(field, language) for one header cell."""
    key = header_key(cell)
    if not key:
        return None, None
    if key in dictionary.by_key:
        return dictionary.by_key[key].field, None
    base, language = split_language(key)
    alias = dictionary.by_key.get(base)
    if alias is None:
        return None, language
    if language == "en" and alias.field in LANGUAGE_TWINS:
        return LANGUAGE_TWINS[alias.field], language
    return alias.field, language


def map_header(header: Sequence[object], dictionary: AliasDictionary | None = None) -> HeaderMapping:
    dictionary = dictionary or load_aliases()
    columns = []
    for index, cell in enumerate(header):
        field, language = match_column(cell, dictionary)
        columns.append(ColumnMatch(index, str(cell or "").strip(), field, language))
    return HeaderMapping(tuple(columns))
