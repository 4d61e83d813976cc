"""Chinese vendor exports (incoPat-style CSV, CNKI XLSX, PatSnap, …) through column-mapping files.

The vendor is chosen by matching the file's header against data/reference/column_maps/*.csv, so a new
vendor layout is a new mapping file. CSV encodings UTF-8 (BOM or not), GBK and GB18030 are detected; lines with
invalid bytes spoil only their own record, which is quarantined while the rest of the file loads.

An incoPat record with both 公开号 (the A publication) and 授权公告号 (the B grant) is kept as ONE record under
the 公开号, with grant_date set: the A and B numbers share country+number, so citations to either meet it.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import IngestError
from pipeline.normalize import (
    CN_DOC_TYPES,
    clean_text,
    doc_type_from_kind,
    normalize_ipc,
    normalize_publication_number,
    number_key,
    parse_date,
    split_publication_number,
)
from pipeline.settings import load_settings
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.sources.encoding import decoded_lines, sniff_file_encoding

MATCH_SHARE = 0.6
_LIST_SPLIT = re.compile(r"[;；]")
_POSTCODE = re.compile(r"^\s*(\d{6})\s*(.*)$", re.S)
_REGION = re.compile(r"^\s*([\u4e00-\u9fff]{2,3})\((\d{2})\)")
_CNKI_NUMBER = re.compile(r"filename=(CN\d+[A-Z]\d?)", re.I)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class ColumnMap:
    name: str
    columns: dict[str, tuple[str, str]]  # vendor column -> (field, parser)

    def coverage(self, header: list[str]) -> float:
        present = {h.strip() for h in header}
        return sum(1 for c in self.columns if c in present) / len(self.columns)


def default_maps_dir() -> Path:
    return load_settings().reference_dir / "column_maps"


@cache
def column_maps(maps_dir: Path) -> tuple[ColumnMap, ...]:
    maps = []
    for path in sorted(maps_dir.glob("*.csv")):
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        maps.append(ColumnMap(path.stem, {r["vendor_column"]: (r["field"], r["parser"]) for r in rows}))
    return tuple(maps)


def best_map(header: list[str]) -> ColumnMap | None:
    scored = [(m.coverage(header), m) for m in column_maps(default_maps_dir())]
    scored = [
        (score, m)
        for score, m in scored
        if score >= MATCH_SHARE
        and any(
            f in {"publication_number", "grant_number"}
            for f, _ in (m.columns[c] for c in m.columns if c in {h.strip() for h in header})
        )
    ]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _split_list(value: object) -> list[str]:
    text = clean_text(value)
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()] if text else []


def parse_fields(row: dict[str, Any], cmap: ColumnMap) -> tuple[dict[str, Any], list[str]]:
    """Vendor row -> canonical fields, plus the names of fields that had unusable values (repaired to empty)."""
    fields: dict[str, Any] = {}
    problems: list[str] = []
    for column, (field, parser) in cmap.columns.items():
        raw = row.get(column)
        text = clean_text(raw)
        if text is None:
            continue
        if parser == "date":
            value: Any = parse_date(text)
            if value is None:
                problems.append(f"unparseable {column} {text!r}")
        elif parser == "integer":
            value = int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else None
            if value is None:
                problems.append(f"non-numeric {column} {text!r}")
        elif parser == "list_semicolon":
            value = _split_list(text)
        elif parser == "ipc":
            value = normalize_ipc(text)
        elif parser == "list_semicolon_ipc":
            value = [s for s in (normalize_ipc(p) for p in _split_list(text)) if s]
        elif parser == "json_list_ipc":
            try:
                items = json.loads(text.replace("'", '"'))
            except json.JSONDecodeError:
                items = None
            value = [s for s in (normalize_ipc(i) for i in items or []) if s]
            if items is None:
                problems.append(f"{column} is not a JSON list")
        elif parser == "cn_doc_type":
            value = CN_DOC_TYPES.get(text.replace("专利", ""), None)
        elif parser == "postcode_address":
            match = _POSTCODE.match(text)
            value = (match.group(1), match.group(2).strip()) if match else (None, text)
        elif parser == "region_code":
            match = _REGION.match(text)
            value = "CN" if match else None
        elif parser == "cnki_href":
            match = _CNKI_NUMBER.search(text)
            value = match.group(1) if match else None
        else:
            value = text
        fields[field] = value
    return fields, problems


def build_document(
    fields: dict[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    number = fields.get("publication_number") or fields.get("grant_number")
    patent_id = normalize_publication_number(number)
    parts = split_publication_number(number)
    country, kind = (parts[0], parts[2]) if parts else ("CN", None)
    patent = {
        "patent_id": patent_id,
        "number_key": number_key(number),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": fields.get("doc_type") or doc_type_from_kind(country, kind),
        "application_number": fields.get("application_number"),
        "application_date": fields.get("application_date"),
        "publication_date": fields.get("publication_date"),
        "grant_date": fields.get("grant_date"),
        "title": fields.get("title"),
        "abstract": fields.get("abstract"),
        "language": "zh",
        "cites_count_reported": fields.get("cites_count"),
        "legal_status": fields.get("legal_status"),
        "family_size": fields.get("family_size"),
        "pct_number": fields.get("pct_number"),
    }
    postcode, address = fields.get("first_applicant_address") or (None, None)
    parties = []
    for position, name in enumerate(fields.get("applicants", []), start=1):
        first = position == 1
        parties.append(
            {
                "role": "applicant",
                "name_raw": name,
                "party_type": "person" if len(name) <= 4 and not re.search(r"[A-Za-z]", name) else "organization",
                "country": fields.get("region") if first else None,
                "address_raw": address if first else None,
                "postcode": postcode if first else None,
            }
        )
    parties += [{"role": "inventor", "name_raw": n, "party_type": "person"} for n in fields.get("inventors", [])]
    classifications = []
    for scheme, main_field, list_field in (("IPC", "ipc_main", "ipc"), ("CPC", "cpc_main", "cpc")):
        main = fields.get(main_field)
        symbols = ([main] if main else []) + [s for s in fields.get(list_field, []) if s != main]
        classifications += [{"scheme": scheme, "symbol": s, "is_main": s == main} for s in symbols]
    citations = []
    for ref in fields.get("cited_patents", []):
        citations.append(
            {
                "cited_ref_raw": ref,
                "cited_patent_ref": normalize_publication_number(ref),
                "cited_number_key": number_key(ref),
                "cited_country": (split_publication_number(ref) or ("",))[0] or None,
            }
        )
    return patent, parties, classifications, citations


class ChineseExportAdapter:
    format = "cn_export"
    source = "cn_export"

    def sniff(self, unit: IngestUnit) -> bool:
        return len(unit.members) == 1 and self._header(unit.members[0]) is not None

    def _header(self, path: Path) -> tuple[list[str], ColumnMap] | None:
        try:
            if path.suffix.lower() == ".xlsx":
                header = next(iter(self._xlsx_rows(path, limit=1)), None)
            else:
                encoding = sniff_file_encoding(path)
                first = next(decoded_lines(path, encoding), None)
                header = next(csv.reader([first[1]])) if first else None
        except Exception:
            return None
        if not header:
            return None
        header = [str(h or "").strip() for h in header]
        cmap = best_map(header)
        return (header, cmap) if cmap else None

    @staticmethod
    def _xlsx_rows(path: Path, limit: int | None = None) -> Iterator[list[Any]]:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for count, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True)):
                if limit is not None and count >= limit:
                    break
                yield ["" if v is None else str(v) for v in row]
        finally:
            workbook.close()

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        path = unit.members[0]
        found = self._header(path)
        if found is None:
            raise IngestError(path, "header matches no column map in data/reference/column_maps/")
        header, cmap = found
        sink.source = self.source
        if path.suffix.lower() == ".xlsx":
            records: Iterator[tuple[str, list[str], str]] = (
                (f"row {n}", row, "") for n, row in enumerate(self._xlsx_rows(path), start=1) if n > 1
            )
        else:
            records = self._csv_records(path)
        for locator, values, damaged in records:
            raw = ",".join(values)
            if damaged:
                sink.quarantine(locator, f"invalid GBK/UTF-8 bytes at {damaged}", raw)
                sink.records_read += 1
                continue
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                sink.quarantine(locator, f"expected {len(header)} fields, found {len(values)}", raw)
                sink.records_read += 1
                continue
            fields, problems = parse_fields(dict(zip(header, values, strict=True)), cmap)
            patent, parties, classes, citations = build_document(fields)
            if sink.add_document(locator, patent, parties, classes, citations, raw=raw):
                for problem in problems:
                    sink.quarantine(locator, f"{problem}; field left empty", raw, action="repaired")

    @staticmethod
    def _csv_records(path: Path) -> Iterator[tuple[str, list[str], str]]:
        """Yield (locator, values, damage) where damage names the lines with invalid bytes ('' when none)."""
        encoding = sniff_file_encoding(path)
        damaged_lines: set[int] = set()

        def lines() -> Iterator[str]:
            for number, text, damaged in decoded_lines(path, encoding):
                if damaged:
                    damaged_lines.add(number)
                yield text

        reader = csv.reader(lines())
        next(reader, None)
        last_line = 1
        for values in reader:
            first_line = last_line + 1
            last_line = reader.line_num
            span = range(first_line, last_line + 1)
            locator = f"row {first_line - 1} (line {first_line})"
            bad = [n for n in span if n in damaged_lines]
            yield locator, values, ("line " + ", ".join(map(str, bad))) if bad else ""


ADAPTER = ChineseExportAdapter()
