"""Chinese patent-database exports, recognised column by column (see pipeline/sources/cn/).

Any user-chosen subset of columns in any order loads, as XLSX, legacy XLS, HTML-table XLS or CSV/TSV. A file is
a Chinese export when one header row has a publication/application number column and a title (or abstract)
column, by data/reference/cn_field_aliases.csv. Columns that map to no field are kept as JSON
(raw.patent_detail.extra_json); `patentnav explain FILE` shows the mapping.

An incoPat record with both 公开号 (the A publication) and 授权公告号 (the B grant) is kept as ONE record under
the 公开号, with grant_date set: the A and B numbers share country+number, so citations to either meet it.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import IngestError
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.sources.cn.aliases import ColumnMatch, load_aliases
from pipeline.sources.cn.document import EXCEL_DAMAGE, build_document, column_order, detail_row, parse_row
from pipeline.sources.cn.tables import Row, Table, tables

EXTRA_TABLES = ("cited_by", "family_member", "vendor_classification", "legal_event")
# Rows of every table are buffered per batch by the sink; CN records carry many side rows (parties, classes,
# vendor classes), so flush more often than the sink's default to keep memory flat.
FLUSH_EVERY = 5_000


_last_read: dict[tuple[str, int, int], list[Table]] = {}


def find_tables(path: Path) -> list[Table]:
    """The file's tables; the last file's are kept so that sniff and read open a workbook once."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _last_read:
        try:
            found = tables(path)
        except Exception:  # an unreadable container is "not ours": the caller reports the file
            found = []
        _last_read.clear()
        _last_read[key] = found
    return _last_read[key]


def column_warnings(path: Path) -> list[str]:
    """One line per column whose header looks like a field family we read but that maps to no field."""
    lines = []
    for table in find_tables(path):
        sheet = f" (sheet {table.name})" if table.name != path.name else ""
        for header, marker in table.mapping.unmapped_families():
            lines.append(
                f"{path.name}{sheet}: column {header!r} looks like a {marker!r} field but maps to no field; "
                f"kept in extra_json (add it to data/reference/cn_field_aliases.csv if it is one)"
            )
    _last_read.clear()
    return lines


class ChineseExportAdapter:
    format = "cn_export"
    source = "cn_export"

    def sniff(self, unit: IngestUnit) -> bool:
        path = unit.members[0]
        return len(unit.members) == 1 and bool(find_tables(path))

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        path = unit.members[0]
        found = find_tables(path)
        _last_read.clear()
        if not found:
            raise IngestError(path, "no header row with a publication/application number and a title column")
        sink.source = self.source
        dictionary = load_aliases()
        for table in found:
            vendor = table.mapping.vendor(dictionary)
            prefix = f"sheet {table.name} " if len(found) > 1 else ""
            columns = column_order(table.mapping, dictionary)
            for count, row in enumerate(table.rows(), start=1):
                self._read_row(row, columns, vendor, prefix, sink)
                if count % FLUSH_EVERY == 0:
                    sink.flush()

    @staticmethod
    def _read_row(row: Row, columns: list[ColumnMatch], vendor: str | None, prefix: str, sink: RecordSink) -> None:
        locator = prefix + row.locator
        raw = row.raw if row.raw is not None else ",".join("" if c is None else str(c) for c in row.values)
        if row.problem is None and not any(c is not None and str(c).strip() for c in row.values):
            return  # blank line or row: not a record
        sink.framed += 1
        if row.problem:
            sink.quarantine(locator, row.problem, raw)
            sink.records_read += 1
            return
        parsed = parse_row(row.values, columns)
        document = build_document(parsed.fields, vendor)
        patent = document["patent"][0]
        damaged = [p for p in parsed.problems if EXCEL_DAMAGE in p]
        if not patent.get("patent_id") and damaged:
            sink.records_read += 1
            sink.quarantine(locator, "no intact publication number: " + "; ".join(damaged), raw)
            return
        if not sink.add_document(
            locator, patent, document["patent_party"], document["classification"], document["citation"], raw=raw
        ):
            return
        for name in EXTRA_TABLES:
            sink.add_rows(name, document[name])
        sink.add_rows("patent_detail", [detail_row(patent["patent_id"], parsed.fields, parsed.unused, vendor)])
        for problem in parsed.problems:
            sink.quarantine(locator, f"{problem}; field left empty", raw, action="repaired")


ADAPTER = ChineseExportAdapter()
