"""The contract every source adapter fulfils, and the sink that turns its records into raw.* rows.

An adapter is a module-level object with:
  format  short name recorded in the manifest (e.g. "uspto_grant_xml")
  source  source family used for precedence in core (uspto_xml, cnipa_xml, patentsview, lens, cn_export, epo_ops, cnki)
  sniff(unit) -> bool       decide from content (first bytes, headers, root element), never from the name alone
  read(unit, sink) -> None  stream records into the sink; a bad record goes to sink.quarantine and reading goes on

A record is one document: its patent row plus its parties, classifications and citations. The sink validates
the minimum (a publication number), drops within-file duplicates (quarantined, first kept), buffers and writes
Arrow batches to raw.* so that memory stays bounded whatever the file size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from pipeline.normalize import normalize_name

EXCERPT_CHARS = 500

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "BOOLEAN": pa.bool_(),
    "DOUBLE": pa.float64(),
}

RAW_TABLES = ("patent", "patent_party", "classification", "citation")
# Tables only some adapters fill (Chinese exports: pipeline/sources/cn/), written through add_rows.
CN_RAW_TABLES = ("patent_detail", "cited_by", "family_member", "vendor_classification", "legal_event")


# Every Parquet file staging writes. zstd at level 1: the 10M citation rows of a 1M-patent bundle are written
# in 3.95 s against 4.77 s at the default level 3, and the file is no larger (163 MB against 173 MB;
# bench/string_compression.py).
PARQUET_OPTIONS = "compression zstd, compression_level 1"


def table_files(folder: Path, table: str) -> list[Path]:
    """The Parquet files of one raw table in an artifact: <table>.parquet, then any further parts an adapter
    staged and kept as they were (<table>.part-N.parquet) rather than re-encoded into one file."""
    return [folder / f"{table}.parquet", *sorted(folder.glob(f"{table}.part-*.parquet"))]


def further_part_path(folder: Path, table: str, number: int) -> Path:
    return folder / f"{table}.part-{number}.parquet"


@dataclass(frozen=True)
class IngestUnit:
    """What the manifest tracks as one input: a file, or a folder of tables that only make sense together."""

    path: Path
    members: tuple[Path, ...]

    @property
    def name(self) -> str:
        return self.path.name

    def head(self, size: int = 4096) -> bytes:
        with open(self.members[0], "rb") as handle:
            return handle.read(size)


class Adapter(Protocol):
    format: str
    source: str

    def sniff(self, unit: IngestUnit) -> bool: ...

    def read(self, unit: IngestUnit, sink: RecordSink) -> None: ...


def excerpt(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


@dataclass
class RecordSink:
    con: duckdb.DuckDBPyConnection
    file_id: str
    file_name: str
    source: str
    is_synthetic: bool = False
    batch_rows: int = 20_000
    records_read: int = 0
    patents_loaded: int = 0
    rows_loaded: int = 0
    quarantined: int = 0
    # Record accounting (core.ingest_file): framed is set by the adapter from a framing that does not depend on
    # the field parser (lines, quote-balanced rows, <?xml documents); 0 means the adapter does not frame yet.
    # framed = patents_loaded + merged_duplicates + rejected, or the file is refused.
    framed: int = 0
    merged_duplicates: int = 0
    rejected: int = 0
    # Staging's artifact folder: an adapter may write a raw table's Parquet there itself (<table>.parquet and
    # further <table>.part-N.parquet, columns of the raw table in its types, a missing one read as NULL), which
    # is then taken as it is instead of being copied from the in-memory table.
    parquet_dir: Path | None = None
    _seen: dict[str, str] = field(default_factory=dict)
    _buffers: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {t: [] for t in (*RAW_TABLES, *CN_RAW_TABLES)}
    )
    _schemas: dict[str, pa.Schema] = field(default_factory=dict)

    def quarantine(self, locator: str, reason: str, raw: object = None, action: str = "rejected") -> None:
        """Set a record (or, with action='repaired', a field of it) aside with the reason."""
        self._write_quarantine(locator, reason, raw, action)
        if action == "rejected":
            self.quarantined += 1
            self.rejected += 1

    def _write_quarantine(self, locator: str, reason: str, raw: object, action: str) -> None:
        self.con.execute(
            "insert into core.quarantine values ($file_id, $file_name, $locator, $reason, $action, $raw)",
            {
                "file_id": self.file_id,
                "file_name": self.file_name,
                "locator": locator,
                "reason": reason,
                "action": action,
                "raw": None if raw is None else excerpt(raw),
            },
        )

    def add_document(
        self,
        locator: str,
        patent: dict[str, Any],
        parties: Iterable[dict[str, Any]] = (),
        classifications: Iterable[dict[str, Any]] = (),
        citations: Iterable[dict[str, Any]] = (),
        raw: object = None,
    ) -> bool:
        """Buffer one document; returns False if it was quarantined instead."""
        self.records_read += 1
        patent_id = patent.get("patent_id")
        if not patent_id or not patent.get("number_key"):
            self.quarantine(locator, "no usable publication number", raw)
            return False
        if patent_id in self._seen:
            # still listed as rejected in core.quarantine, but counted apart: the record lives on in its first copy
            reason = f"duplicate of {patent_id} at {self._seen[patent_id]} in the same file; first kept"
            self._write_quarantine(locator, reason, raw, "rejected")
            self.quarantined += 1
            self.merged_duplicates += 1
            return False
        self._seen[patent_id] = locator
        row = {
            "file_id": self.file_id,
            "record_no": self.records_read,
            "source": self.source,
            "is_synthetic": self.is_synthetic,
            **patent,
        }
        self._buffers["patent"].append(row)
        for seq, party in enumerate(parties, start=1):
            name_raw = party.get("name_raw")
            name_norm = party.get("name_norm") or normalize_name(name_raw)
            if not name_raw or not name_norm:
                continue
            self._buffers["patent_party"].append(
                {"file_id": self.file_id, "patent_id": patent_id, "sequence": seq, **party, "name_norm": name_norm}
            )
        for seq, cls in enumerate(classifications, start=1):
            if cls.get("symbol"):
                self._buffers["classification"].append(
                    {"file_id": self.file_id, "patent_id": patent_id, "sequence": seq, "is_main": False, **cls}
                )
        for seq, cit in enumerate(citations, start=1):
            if cit.get("cited_ref_raw"):
                self._buffers["citation"].append(
                    {"file_id": self.file_id, "citing_patent_id": patent_id, "sequence": seq, "is_npl": False, **cit}
                )
        self.patents_loaded += 1
        if len(self._buffers["patent"]) >= self.batch_rows:
            self.flush()
        return True

    def add_rows(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Buffer rows of a side table for the document just added (same file, written at the next flush)."""
        self._buffers[table].extend({"file_id": self.file_id, **row} for row in rows)

    def _schema(self, table: str) -> pa.Schema:
        if table not in self._schemas:
            columns = self.con.execute(
                "select column_name, data_type from duckdb_columns() "
                "where schema_name = 'raw' and table_name = $t order by column_index",
                {"t": table},
            ).fetchall()
            self._schemas[table] = pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in columns])
        return self._schemas[table]

    def flush(self) -> None:
        for table, rows in self._buffers.items():
            if not rows:
                continue
            schema = self._schema(table)
            names = set(schema.names)
            unknown = {key for row in rows for key in row} - names
            if unknown:
                raise ValueError(f"adapter produced unknown raw.{table} columns: {sorted(unknown)}")
            arrow = pa.Table.from_pylist(rows, schema=schema)
            # The schema is the table's own column list in order, so a positional insert is the same as BY NAME.
            # A registered Arrow view read by an INSERT inside the ingest transaction is kept alive by DuckDB
            # until commit (memory grew ~1 KB per record); a relation made with from_arrow is not.
            self.con.from_arrow(arrow).insert_into(f"raw.{table}")
            self.rows_loaded += len(rows)
            rows.clear()


def open_text_lines(path: Path) -> Iterable[str]:  # pragma: no cover - convenience for adapters
    with open(path, encoding="utf-8", errors="strict") as handle:
        yield from handle
