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
from pipeline.sources.cn.aliases import load_aliases
from pipeline.sources.cn.document import build_document, detail_row, parse_row
from pipeline.sources.cn.tables import Row, Table, header_only, tables

EXTRA_TABLES = ("cited_by", "family_member", "vendor_classification", "legal_event")
SNIFF_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".htm", ".html"}


def find_tables(path: Path, *, header_only_read: bool = False) -> list[Table]:
    try:
        return header_only(path) if header_only_read else tables(path)
    except Exception:  # an unreadable container is "not ours", decided by the other adapters or the caller
        return []


class ChineseExportAdapter:
    format = "cn_export"
    source = "cn_export"

    def sniff(self, unit: IngestUnit) -> bool:
        path = unit.members[0]
        return len(unit.members) == 1 and bool(find_tables(path, header_only_read=True))

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        path = unit.members[0]
        found = tables(path)
        if not found:
            raise IngestError(path, "no header row with a publication/application number and a title column")
        sink.source = self.source
        dictionary = load_aliases()
        for table in found:
            vendor = table.mapping.vendor(dictionary)
            prefix = f"sheet {table.name} " if len(found) > 1 else ""
            for row in table.rows():
                self._read_row(row, table, vendor, prefix, sink)

    @staticmethod
    def _read_row(row: Row, table: Table, vendor: str | None, prefix: str, sink: RecordSink) -> None:
        locator = prefix + row.locator
        raw = row.raw if row.raw is not None else ",".join("" if c is None else str(c) for c in row.values)
        if row.problem is None and not any(c is not None and str(c).strip() for c in row.values):
            return  # blank line or row: not a record
        sink.framed += 1
        if row.problem:
            sink.quarantine(locator, row.problem, raw)
            sink.records_read += 1
            return
        parsed = parse_row(row.values, table.mapping, load_aliases())
        document = build_document(parsed.fields, vendor)
        patent = document["patent"][0]
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
