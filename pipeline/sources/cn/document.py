"""One export row -> canonical fields -> the raw rows of one document (patent, parties, classes, citations,
and the CN tables: detail, vendor classes, legal events, citing lists, family members)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.normalize import CN_DOC_TYPES, doc_type_from_kind, number_key, split_publication_number
from pipeline.sources.cn import values as v
from pipeline.sources.cn.aliases import AliasDictionary, ColumnMatch, HeaderMapping
from pipeline.sources.cn.legal import normalize_status, parse_event_list

DATE_FIELDS = {"application_date", "publication_date", "grant_date", "priority_date", "pct_date", "pct_entry_date"}
DATE_FIELDS |= {f"{e}_date" for e in ("transfer", "licence", "pledge", "invalidation")}
COUNT_FIELDS = {"claims_count", "family_size", "cites_count", "cited_by_count", "applicant_count"}
COUNT_FIELDS |= {f"{e}_count" for e in ("transfer", "licence", "pledge", "invalidation")}
EVENT_COLUMNS = ("transfer", "licence", "pledge", "invalidation")
VENDOR_SCHEMES = {"nec": "nec", "sei": "sei", "sei_main": "sei"}
ANNOTATION_SCHEMES = (
    "efficacy_sentence",
    "efficacy_phrase",
    "efficacy_level1",
    "efficacy_level2",
    "efficacy_level3",
    "efficacy_triz",
)

# Fields whose cells are unique per record (free text, the record's own numbers): parsed without a cache,
# which would only hold them. Every other field's cells repeat across records.
UNIQUE_FIELDS = frozenset(
    {
        *("title", "title_en", "abstract", "abstract_en", "first_claim", "first_claim_en", "efficacy_sentence"),
        *("publication_number", "grant_number", "link", "application_number", "priority_number"),
        *("pct_application", "pct_publication", "dwpi_accession"),
        *("cited_patents", "citing_patents", "family_members", "legal_events"),
    }
)

# Numbers Excel turned into `2.02E+12` when the export was opened and saved: the digits are gone, so the value is
# never used as a key (the record is keyed on an intact number, or set aside when none is left).
KEY_FIELDS = frozenset({"publication_number", "grant_number", "application_number", "priority_number",
                        "pct_application", "pct_publication", "link"})
EXCEL_NOTATION = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")
EXCEL_DAMAGE = "digits lost; not used as a key"

PARSERS: dict[str, Callable[[object], Any]] = {
    "publication_number": v.publication_number,
    "grant_number": v.publication_number,
    "link": v.publication_number,
    "application_number": v.application_number,
    "applicants": v.split_list,
    "applicants_with_address": v.split_list,
    "inventors": v.split_list,
    "inventors_with_address": v.split_list,
    "current_owner": v.names,
    "applicants_standardized": v.names,
    "applicant_address": v.postcode_address,
    "region": v.region_country,
    "ipc_main": v.ipc_symbols,
    "cpc_main": v.ipc_symbols,
    "ipc": v.ipc_symbols,
    "cpc": v.ipc_symbols,
    "family_members": v.find_publication_numbers,
    "cited_patents": v.find_publication_numbers,
    "citing_patents": v.find_publication_numbers,
    "legal_events": parse_event_list,
    **{scheme: v.vendor_classes for scheme in VENDOR_SCHEMES},
    **{scheme: v.vendor_annotations for scheme in ANNOTATION_SCHEMES},
}
# A link cell is read only for a record without a number column value.
FALLBACK_FOR = {"link": ("publication_number", "grant_number")}
# Recognised but not stored in a column of their own: kept, with their field names, in vendor_fields_json.
SIDE_FIELDS = (
    "priority_number",
    "first_inventor",
    "applicant_type",
    "applicant_country",
    "applicant_count",
    "applicants_with_address",
    "inventors_with_address",
    "transferor",
    "transferee",
    "licensor",
    "licensee",
    "pledgor",
    "pledgee",
    "litigation",
    "dwpi_accession",
    "province",
    "city",
    "district",
    "pct_entry_date",
)


@dataclass
class Parsed:
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unused: dict[str, str] = field(default_factory=dict)


def column_order(mapping: HeaderMapping, dictionary: AliasDictionary) -> list[ColumnMatch]:
    """Columns in the order parse_row reads them: two columns feeding one field, the first non-empty wins, in
    dictionary order (so the analyst orders preferences by ordering rows)."""
    return sorted(mapping.columns, key=lambda c: dictionary.rank(c.field, c.header) if c.field else 0)


def parse_row(values: list[Any], columns: list[ColumnMatch]) -> Parsed:
    """Canonical fields of a row, reading `columns` (from column_order)."""
    parsed = Parsed()
    for column in columns:
        raw = values[column.index] if column.index < len(values) else None
        text = v.cell_text(raw)
        if text is None or not text.strip():
            continue
        if column.field is None:
            parsed.unused[column.header or f"column {column.index + 1}"] = text
            continue
        if column.field == "vendor_row_no" or column.field in parsed.fields:
            continue
        if column.field in FALLBACK_FOR and any(f in parsed.fields for f in FALLBACK_FOR[column.field]):
            continue
        if column.field in UNIQUE_FIELDS:
            value, problem = _parse_value(column.field, raw, text, column.header)
        else:
            value, problem = _parse_repeating(column.field, raw, text, column.header)
            if type(value) is list:  # the cached list is shared: each record gets its own
                value = value.copy()
        if problem:
            parsed.problems.append(problem)
        if value not in (None, [], (None, None)):
            parsed.fields[column.field] = value
    return parsed


def _parse_repeating(name: str, raw: object, text: str, header: str) -> tuple[Any, str | None]:
    """_parse_value, memoised: in an export the same applicant, IPC symbol, date, type or country comes back on
    many records, so each distinct cell is parsed once."""
    try:
        return _parse_cached(name, raw, text, header)
    except TypeError:  # an unhashable cell value (never from calamine or csv): parse it directly
        return _parse_value(name, raw, text, header)


def _parse_value(name: str, raw: object, text: str, header: str) -> tuple[Any, str | None]:
    if name in KEY_FIELDS and EXCEL_NOTATION.match(text):
        return None, f"{header} {text.strip()!r} is a number Excel rewrote in scientific notation ({EXCEL_DAMAGE})"
    if name in DATE_FIELDS:
        day = v.parse_cn_date(raw)
        return day, None if day or v.text_value(text) is None else f"unparseable {header} {text.strip()!r}"
    if name in COUNT_FIELDS:
        count = v.parse_count(raw)
        return count, None if count is not None else f"non-numeric {header} {text.strip()!r}"
    if name == "doc_type":
        return CN_DOC_TYPES.get((v.text_value(text) or "").replace("专利", "")), None
    return PARSERS.get(name, v.text_value)(raw), None


# typed: 1, 1.0 and True are distinct cells (they read as different text anyway); the size bounds memory.
_parse_cached = lru_cache(maxsize=1 << 14, typed=True)(_parse_value)


def build_document(fields: dict[str, Any], vendor: str | None) -> dict[str, list[dict[str, Any]]]:
    number = fields.get("publication_number") or fields.get("grant_number") or fields.get("link")
    parts = split_publication_number(number)
    verbatim = None if parts else v.verbatim_number(number)
    if parts:
        country, kind, key = parts[0], parts[2], parts[0] + parts[1]  # number_key(number), without a re-parse
    elif verbatim:
        country, kind, key = verbatim[0][:2], verbatim[2], verbatim[1]
    else:
        country, kind, key = "CN", None, None
    patent_id = number
    zh_title, en_title = _language_pair(fields, "title")
    zh_abstract, en_abstract = _language_pair(fields, "abstract")
    family = fields.get("family_members", [])
    family_id = _family_id(number, family)
    patent = {
        "patent_id": patent_id,
        "number_key": key,
        "jurisdiction": country,
        "kind": kind,
        "doc_type": fields.get("doc_type") or doc_type_from_kind(country, kind),
        "application_number": fields.get("application_number"),
        "application_date": fields.get("application_date"),
        "publication_date": fields.get("publication_date"),
        "grant_date": fields.get("grant_date"),
        "priority_date": fields.get("priority_date"),
        "family_id": family_id,
        "family_size": fields.get("family_size") if "family_size" in fields else (len(family) or None),
        "title": zh_title or en_title,
        "abstract": zh_abstract or en_abstract,
        "language": "en" if not zh_title and en_title else "zh",
        "claims_count": fields.get("claims_count"),
        "cites_count_reported": fields.get("cites_count"),
        "cited_by_count_reported": fields.get("cited_by_count"),
        "legal_status": normalize_status(fields.get("legal_status") or fields.get("validity")),
        "pct_number": fields.get("pct_application"),
    }
    return {
        "patent": [patent],
        "patent_party": _parties(fields),
        "classification": _classes(fields),
        "citation": [_reference(ref) for ref in fields.get("cited_patents", []) if ref != patent_id],
        "cited_by": [
            {"cited_patent_id": patent_id, "sequence": i, **_citing(ref)}
            for i, ref in enumerate(fields.get("citing_patents", []), start=1)
            if ref != patent_id
        ],
        "family_member": [
            {
                "patent_id": patent_id,
                "family_id": family_id,
                "sequence": i,
                "member_ref": ref,
                "member_number_key": number_key(ref),
            }
            for i, ref in enumerate(family, start=1)
        ],
        "vendor_classification": _vendor_classes(patent_id, fields, vendor),
        "legal_event": _events(patent_id, fields),
    }


def detail_row(patent_id: str, fields: dict[str, Any], unused: dict[str, str], vendor: str | None) -> dict[str, Any]:
    en_title = _language_pair(fields, "title")[1]
    en_abstract = _language_pair(fields, "abstract")[1]
    side = {k: _jsonable(fields[k]) for k in SIDE_FIELDS if k in fields}
    return {
        "patent_id": patent_id,
        "vendor": vendor,
        "title_en": en_title,
        "abstract_en": en_abstract,
        "first_claim": fields.get("first_claim"),
        "first_claim_en": fields.get("first_claim_en"),
        "office": fields.get("office"),
        "agency": fields.get("agency"),
        "agent": fields.get("agent"),
        "pct_publication": fields.get("pct_publication"),
        "pct_date": fields.get("pct_date"),
        "legal_status_vendor": fields.get("legal_status"),
        "validity_vendor": fields.get("validity"),
        "validity": normalize_status(fields.get("validity")),
        "vendor_fields_json": json.dumps(side, ensure_ascii=False) if side else None,
        "extra_json": json.dumps(unused, ensure_ascii=False) if unused else None,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_jsonable(x) for x in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def _language_pair(fields: dict[str, Any], name: str) -> tuple[str | None, str | None]:
    """(Chinese, English) text: an untagged or '原文' column is Chinese when it has Chinese characters."""
    base, english = fields.get(name), fields.get(f"{name}_en")
    if base and not v.has_cjk(base):
        return None, english or base
    return base, english


def _family_id(number: str | None, members: list[str]) -> str | None:
    """The simple family's id: 'SF:' + the smallest number key among the record and its listed members, so every
    member listing the same family gets the same id."""
    if not members:
        return None
    keys = [k for k in (number_key(m) for m in [*members, number]) if k]
    return "SF:" + min(keys) if members and keys else None


def _party_type(name: str) -> str:
    return "person" if len(name) <= 4 and not re.search(r"[A-Za-z]", name) else "organization"


def _parties(fields: dict[str, Any]) -> list[dict[str, Any]]:
    postcode, address = fields.get("applicant_address") or (None, None)
    postcode = postcode or fields.get("postcode")
    place = "".join(fields.get(k) or "" for k in ("province", "city", "district")) or None
    applicants = fields.get("applicants") or ([fields["first_applicant"]] if fields.get("first_applicant") else [])
    if not applicants and fields.get("applicants_with_address"):
        applicants = [a.split(",")[0] for a in fields["applicants_with_address"]]
    parties = []
    for position, name in enumerate(applicants, start=1):
        first = position == 1
        parties.append(
            {
                "role": "applicant",
                "name_raw": name,
                "party_type": _party_type(name),
                "country": fields.get("region") if first else None,
                "state": fields.get("province") if first else None,
                "city": fields.get("city") if first else None,
                "county": fields.get("district") if first else None,
                "address_raw": (address or place) if first else None,
                "postcode": postcode if first else None,
            }
        )
    for role, key in (("applicant_standardized", "applicants_standardized"), ("owner", "current_owner")):
        parties += [{"role": role, "name_raw": n, "party_type": _party_type(n)} for n in fields.get(key, [])]
    parties += [{"role": "inventor", "name_raw": n, "party_type": "person"} for n in fields.get("inventors", [])]
    return parties


def _classes(fields: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for scheme, main_field, list_field in (("IPC", "ipc_main", "ipc"), ("CPC", "cpc_main", "cpc")):
        main_symbols = fields.get(main_field) or []
        main = main_symbols[0] if main_symbols else None
        listed = fields.get(list_field, [])
        if main and " " not in main:
            # a main class given only as a subclass (Patentics 国际主分类 'G09B'): the first full symbol in it
            main = next((s for s in listed if s.startswith(main)), main)
        symbols = list(dict.fromkeys(([main] if main else []) + listed))
        rows += [{"scheme": scheme, "symbol": s, "is_main": s == main} for s in symbols]
    return rows


def _reference(ref: str) -> dict[str, Any]:
    return {
        "cited_ref_raw": ref,
        "cited_patent_ref": ref,
        "cited_number_key": number_key(ref),
        "cited_country": (split_publication_number(ref) or ("",))[0] or None,
    }


def _citing(ref: str) -> dict[str, Any]:
    return {"citing_ref_raw": ref, "citing_patent_ref": ref, "citing_number_key": number_key(ref)}


def _vendor_classes(patent_id: str | None, fields: dict[str, Any], vendor: str | None) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for name, scheme in (*VENDOR_SCHEMES.items(), *((s, s) for s in ANNOTATION_SCHEMES)):
        is_main = name == "sei_main"
        for code, label in fields.get(name, ()):
            existing = rows.get((scheme, code))
            if existing:
                existing["is_main"] = existing["is_main"] or is_main
                continue
            rows[(scheme, code)] = {
                "patent_id": patent_id,
                "scheme": scheme,
                "code": code,
                "label": label,
                "is_main": is_main,
                "source": vendor or "cn_export",
                "sequence": len(rows) + 1,
            }
    return list(rows.values())


def _events(patent_id: str | None, fields: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [
        {
            "event_type": kind,
            "event_date": when,
            "event_count": None,
            "event_text": text,
            "source_field": "legal_events",
        }
        for kind, when, text in fields.get("legal_events", [])
    ]
    for kind in EVENT_COLUMNS:
        text, when, count = fields.get(kind), fields.get(f"{kind}_date"), fields.get(f"{kind}_count")
        if text or when or count:
            rows.append(
                {"event_type": kind, "event_date": when, "event_count": count, "event_text": text, "source_field": kind}
            )
    return [{"patent_id": patent_id, "sequence": i, **r} for i, r in enumerate(rows, start=1)]
