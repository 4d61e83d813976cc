"""Rows of an export file whatever its container: XLSX, legacy XLS (OLE2), an HTML table saved as .xls, or
CSV/TSV text in UTF-8 (BOM or not), GBK, GB18030 or UTF-16. The header row is searched for (a preamble above
it is common: Derwent puts the search there), and every sheet with a header is read.

Spreadsheets are read with calamine (Rust): it reads cells without trusting the sheet's declared dimension
(incoPat writes `A1`) and reads legacy XLS too.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.sources.cn.aliases import HeaderMapping, map_header
from pipeline.sources.cn.csvframe import RecordFramer, parse_fields, sniff_delimiter, trim_trailing_empty
from pipeline.sources.encoding import decoded_lines, detect_encoding, sniff_file_encoding

HEADER_SEARCH_ROWS = 30
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Row:
    locator: str
    values: list[Any]
    problem: str | None = None  # the record is damaged: quarantine it with this reason
    raw: str | None = None  # the record's text for the quarantine excerpt (CSV)


@dataclass
class Table:
    name: str
    header: list[str]
    mapping: HeaderMapping
    rows: Callable[[], Iterator[Row]]


def container(path: Path) -> str:
    """xlsx | xls | html | text, from the first bytes (never the file name)."""
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") and b"<table" in head.lower():
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and b"<\x00t\x00a\x00b\x00l\x00e\x00" in head.lower():
        return "html"
    return "text"


def find_header(rows: list[list[Any]]) -> tuple[int, HeaderMapping] | None:
    """Index of the first row that reads as a Chinese-export header, and its mapping."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = ["" if v is None else str(v) for v in row]
        if sum(1 for c in cells if c.strip()) < 2:
            continue
        mapping = map_header(cells)
        if mapping.is_chinese_export():
            return index, mapping
    return None


def tables(path: Path) -> list[Table]:
    kind = container(path)
    if kind in {"xlsx", "xls"}:
        return _spreadsheet_tables(path)
    if kind == "html":
        return _html_tables(path)
    return _text_tables(path)


def _spreadsheet_tables(path: Path) -> list[Table]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    found = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height == 0:
            continue
        head = [list(r) for r in islice(sheet.iter_rows(), HEADER_SEARCH_ROWS)]
        header = find_header(head)
        if header is None:
            continue
        index, mapping = header
        # calamine starts at the first used cell: keep Excel's row numbers in locators
        offset = sheet.start[0] + 1 if sheet.start else 1
        cells = ["" if v is None else str(v) for v in head[index]]
        found.append(Table(name, cells, mapping, _sheet_rows(sheet, index, offset)))
    return found


def _sheet_rows(sheet: Any, header_index: int, offset: int) -> Callable[[], Iterator[Row]]:
    def rows() -> Iterator[Row]:
        for index, values in enumerate(sheet.iter_rows()):
            if index > header_index:
                yield Row(f"row {index + offset}", list(values))

    return rows


def _html_tables(path: Path) -> list[Table]:
    import lxml.html

    data = path.read_bytes()
    text = data.decode(detect_encoding(data[: 1 << 20]), errors="replace")
    document = lxml.html.fromstring(text)
    found = []
    for number, table in enumerate(document.iter("table"), start=1):
        grid = [[cell.text_content().strip() for cell in tr.iter("td", "th")] for tr in table.iter("tr")]
        header = find_header(grid)
        if header is None:
            continue
        index, mapping = header
        rows = [Row(f"table {number} row {i + 1}", r) for i, r in enumerate(grid) if i > index]
        found.append(Table(f"table {number}", grid[index], mapping, _listed(rows)))
    return found


def _listed(rows: list[Row]) -> Callable[[], Iterator[Row]]:
    return lambda: iter(rows)


def _text_tables(path: Path) -> list[Table]:
    encoding = sniff_file_encoding(path)
    head_lines = []
    for number, text, damaged in decoded_lines(path, encoding):
        head_lines.append((number, text, damaged))
        if len(head_lines) >= HEADER_SEARCH_ROWS:
            break
    for number, text, _ in head_lines:
        if not text.strip():
            continue
        delimiter = sniff_delimiter(text)
        try:
            cells = parse_fields(text, delimiter)
        except csv.Error:  # a line that is not CSV cannot be the header; keep looking
            cells = []
        mapping = map_header(cells)
        if mapping.is_chinese_export():
            return [Table(path.name, cells, mapping, _text_rows(path, encoding, number, delimiter, len(cells)))]
    return []


def _text_rows(path: Path, encoding: str, header_line: int, delimiter: str, width: int) -> Callable[[], Iterator[Row]]:
    def rows() -> Iterator[Row]:
        framer = RecordFramer(delimiter)
        framer.width = width
        lines = ((n, t, d) for n, t, d in decoded_lines(path, encoding) if n > header_line)
        for record_no, framed in enumerate(framer.frame(lines), start=1):
            locator = f"row {record_no} (line {framed.first_line})"
            raw = framed.text.rstrip("\r\n")
            if framed.damaged_lines:
                where = ", ".join(map(str, framed.damaged_lines))
                yield Row(locator, [], f"invalid GBK/UTF-8 bytes at line {where}", raw)
            elif framed.problem:
                yield Row(locator, [], framed.problem, raw)
            elif "\x00" in framed.text:
                yield Row(locator, [], "embedded NUL byte", raw)
            else:
                try:
                    values = trim_trailing_empty(parse_fields(framed.text, delimiter), width)
                except Exception as exc:
                    yield Row(locator, [], f"malformed CSV record: {exc}", raw)
                    continue
                if values and any(v.strip() for v in values) and len(values) != width:
                    yield Row(locator, values, f"expected {width} fields, found {len(values)}", raw)
                else:
                    yield Row(locator, values, None, raw)

    return rows
