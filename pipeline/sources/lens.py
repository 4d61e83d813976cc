"""Lens.org patent CSV exports: the 31-column 2021 layout and the 37-column 2025 layout (UTF-8 BOM).

Comma-separated, RFC 4180 quoting, multi-values joined by ';;'. Read with the csv module, streamed row by row
into the RecordSink (which writes Arrow batches), so memory stays flat whatever the export size.

Mapping: patent_id from 'Publication Number' (2021) or 'Display Key' (2025) + Kind; Applicants -> role
applicant, Inventors -> inventor, 'Owners (US)' / 'Owners' -> assignee (the '(YYYY-MM-DD)' suffix stripped);
CPC and IPCR symbols normalised ('H01L 21/02'), US classes kept as USPC; the first symbol of each scheme is
taken as main (Lens lists it first but does not flag it). Lens gives no party country or address (left NULL,
never guessed) and no citation list (only the counts, kept as *_reported).

Defects: records are framed before they are parsed (quote-balanced lines, an unclosed quote ending at the next
line that starts a row), so damage costs only its own record. A row whose field count differs from the header,
whose quote never closes, or without a usable publication number, is rejected (locator 'row N', N = data row,
header excluded). A field that cannot be used (unparseable date,
unusable symbol, bad count) is dropped and the row loads; the repair is recorded with action 'repaired'.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.normalize import (
    clean_text,
    doc_type_from_kind,
    normalize_ipc,
    normalize_publication_number,
    number_key,
    parse_date,
    split_publication_number,
)
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.sources.framing import frame_csv_records

SEPARATOR = ";;"
NUMBER_COLUMNS = ("Publication Number", "Display Key")
TYPE_COLUMNS = ("Type", "Document Type")
OWNER_COLUMNS = ("Owners (US)", "Owners")
LENS_DOC_TYPES = {
    "granted patent": "grant",
    "patent application": "application",
    "amended patent": "grant",
    "limited patent": "utility_model",
    "design right": "design",
    "plant patent": "plant",
}
_OWNER_DATE = re.compile(r"\s*\(\d{4}-\d{2}-\d{2}\)\s*$")
FIELD_LIMIT = 64 * 1024 * 1024  # NPL Citations can run to megabytes in one cell


def read_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline(65536)
    try:
        return next(csv.reader(io.StringIO(first)))
    except (StopIteration, csv.Error):
        return []


def split_values(value: str | None) -> list[str]:
    """';;'-joined cell -> cleaned non-empty values, order kept."""
    if not value:
        return []
    return [text for part in value.split(SEPARATOR) if (text := clean_text(part))]


def strip_owner_date(name: str) -> str:
    """'SANGAMO THERAPEUTICS INC (2017-01-05)' -> 'SANGAMO THERAPEUTICS INC'."""
    return _OWNER_DATE.sub("", name).strip()


def pick(row: dict[str, str], columns: tuple[str, ...]) -> str | None:
    for column in columns:
        if column in row:
            return row[column]
    return None


def lens_doc_type(lens_type: str | None, country: str | None, kind: str | None) -> str | None:
    """CN documents use the CN vocabulary (invention/utility_model/design); others the Lens type."""
    if country == "CN":
        return doc_type_from_kind(country, kind)
    mapped = LENS_DOC_TYPES.get((lens_type or "").strip().lower())
    return mapped or doc_type_from_kind(country, kind)


class LensAdapter:
    format = "lens_csv"
    source = "lens"

    def sniff(self, unit: IngestUnit) -> bool:
        if len(unit.members) != 1 or unit.members[0].suffix.lower() != ".csv":
            return False
        header = set(read_header(unit.members[0]))
        return {"Lens ID", "Jurisdiction", "Kind"} <= header and bool(header & set(NUMBER_COLUMNS))

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        for row_no, row, problem in iter_rows(unit.members[0]):
            sink.framed += 1
            if problem:
                sink.records_read += 1
                sink.quarantine(f"row {row_no}", problem, row)
                continue
            add_row(sink, row_no, row)


# Every Lens row starts with its row number and jurisdiction ("#", Jurisdiction columns of both layouts).
_ROW_START = re.compile(r"^\d+,[A-Z]{2},")


def iter_rows(path: Path) -> Iterator[tuple[int, dict[str, str], str | None]]:
    """(data row number, row as dict, reason it is malformed or None), one per framed record.

    Records are framed (pipeline/sources/framing.py) before the csv module parses each one, so an unbalanced quote
    costs only its own record instead of running on over the rows behind it."""
    csv.field_size_limit(FIELD_LIMIT)
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        records = frame_csv_records(handle, lambda line: bool(_ROW_START.match(line)))
        parsed, _ = _parse(next(records, (0, []))[1])
        header = parsed[0] if parsed else []
        for row_no, (_, lines) in enumerate(records, start=1):
            rows, problem = _parse(lines)
            if problem is None and not rows:
                continue  # blank line: not a record
            if problem is None and len(rows) == 1 and len(rows[0]) == len(header):
                yield row_no, dict(zip(header, rows[0], strict=True)), None
                continue
            yield row_no, {"raw": "".join(lines)}, problem or _shape_problem(rows, len(header))


def _parse(lines: list[str]) -> tuple[list[list[str]], str | None]:
    try:
        rows = [row for row in csv.reader(lines) if any(value.strip() for value in row)]
    except csv.Error as exc:
        return [], f"unreadable row ({exc})"
    if "".join(lines).count('"') % 2:
        return rows, "unbalanced quote (a quote opens and never closes); row set aside"
    return rows, None


def _shape_problem(rows: list[list[str]], width: int) -> str:
    if len(rows) == 1:
        return f"{len(rows[0])} fields, header has {width}"
    return f"{len(rows)} rows where one was framed; row set aside"


def add_row(sink: RecordSink, row_no: int, row: dict[str, str]) -> None:
    locator = f"row {row_no}"
    repairs: list[str] = []
    number_text = pick(row, NUMBER_COLUMNS)
    kind = clean_text(row.get("Kind"))
    patent_id = normalize_publication_number(number_text, kind)
    parts = split_publication_number(number_text)
    country = parts[0] if parts else clean_text(row.get("Jurisdiction"))
    final_kind = (parts[2] if parts and parts[2] else kind)

    def date_of(column: str) -> Any:
        raw = clean_text(row.get(column))
        parsed = parse_date(raw)
        if raw and parsed is None:
            repairs.append(f"unparseable {column} {raw!r}; left empty")
        return parsed

    def count_of(column: str) -> int | None:
        raw = clean_text(row.get(column))
        if raw is None:
            return None
        if raw.isdigit():
            return int(raw)
        repairs.append(f"unparseable {column} {raw!r}; left empty")
        return None

    patent = {
        "patent_id": patent_id,
        "number_key": number_key(number_text),
        "jurisdiction": country,
        "kind": final_kind,
        "doc_type": lens_doc_type(pick(row, TYPE_COLUMNS), country, final_kind),
        "application_number": clean_text(row.get("Application Number")),
        "application_date": date_of("Application Date"),
        "publication_date": date_of("Publication Date"),
        "priority_date": date_of("Earliest Priority Date"),
        "family_size": count_of("Simple Family Size"),
        "title": clean_text(row.get("Title")),
        "abstract": clean_text(row.get("Abstract")),
        "cited_by_count_reported": count_of("Cited by Patent Count"),
        "cites_count_reported": count_of("Cites Patent Count"),
        "legal_status": clean_text(row.get("Legal Status")),
        "source_url": clean_text(row.get("URL")),
    }
    if final_kind and (final_kind[0] in "BC" or patent["doc_type"] == "grant"):
        patent["grant_date"] = patent["publication_date"]
    parties = [
        *({"role": "applicant", "name_raw": name} for name in split_values(row.get("Applicants"))),
        *(
            {"role": "inventor", "name_raw": name, "party_type": "person"}
            for name in split_values(row.get("Inventors"))
        ),
        *(
            {"role": "assignee", "name_raw": strip_owner_date(name)}
            for name in split_values(pick(row, OWNER_COLUMNS))
        ),
    ]
    classifications = []
    for column, scheme in (("CPC Classifications", "CPC"), ("IPCR Classifications", "IPC")):
        kept = 0
        for raw_symbol in split_values(row.get(column)):
            symbol = normalize_ipc(raw_symbol)
            if symbol is None:
                repairs.append(f"{scheme} symbol {raw_symbol!r} not usable; dropped")
                continue
            kept += 1
            classifications.append({"scheme": scheme, "symbol": symbol, "is_main": kept == 1})
    classifications.extend({"scheme": "USPC", "symbol": s} for s in split_values(row.get("US Classifications")))
    if "\ufffd" in "".join(row.values()):
        repairs.append("invalid UTF-8 bytes replaced by U+FFFD")
    if sink.add_document(locator, patent, parties, classifications, raw=row) and repairs:
        sink.quarantine(locator, "; ".join(repairs), row, action="repaired")


ADAPTER = LensAdapter()
