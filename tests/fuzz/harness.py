"""Damage a real sample file, ingest it, and check what the issue-16 contract promises.

A damaged file either loads or fails with a one-line IngestError (never an unexpected exception); when it loads,
its counts balance (framed = loaded + merged + rejected) and every record the damage did not touch loads with
the same values as from the undamaged file. "Untouched": the record's byte span, widened by one byte on each
side so that the separators around it count as its own (deleting the newline between two rows damages both),
does not overlap the damage; a record copied by the damage is not new, and its copy is a merged duplicate.
A whole-file failure is allowed only when the damage reached the part that identifies the file (header line,
sniffed head) or left no record untouched. A damaged header line touches every record of a delimited file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st

from pipeline.warehouse.ingest import FileResult, ingest_paths

Span = tuple[int, int]
TOKENS = (b'"', b"\t", b",", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b";;", b"<", b"&")


@dataclass(frozen=True)
class Damage:
    kind: str  # truncate | flip | delete | insert | reencode | duplicate | drop
    pos: int
    size: int = 1
    token: bytes = b""
    encoding: str = ""

    def apply(self, data: bytes, records: list[Span]) -> tuple[bytes, Span | None]:
        """(damaged bytes, span of the original that was damaged); None when nothing existing was touched."""
        pos = min(self.pos, len(data))
        if self.kind == "truncate":
            return data[:pos], (pos, len(data))
        if self.kind == "flip":
            pos = min(pos, len(data) - 1)
            return data[:pos] + bytes([data[pos] ^ (self.size % 255 + 1)]) + data[pos + 1 :], (pos, pos + 1)
        if self.kind == "delete":
            return data[:pos] + data[pos + self.size :], (pos, min(len(data), pos + self.size))
        if self.kind == "insert":
            return data[:pos] + self.token + data[pos:], (pos, pos)
        if self.kind == "reencode":
            start, end = _char_bounds(data, pos, pos + self.size)
            text = data[start:end].decode("utf-8", "replace")
            return data[:start] + text.encode(self.encoding, "replace") + data[end:], (start, end)
        start, end = records[self.pos % len(records)]
        if self.kind == "duplicate":
            return data[:end] + data[start:end] + data[end:], None
        return data[:start] + data[end:], (start, end)  # drop


def _char_bounds(data: bytes, start: int, end: int) -> Span:
    start, end = min(start, len(data)), min(end, len(data))
    while 0 < start < len(data) and data[start] & 0xC0 == 0x80:
        start -= 1
    while end < len(data) and data[end] & 0xC0 == 0x80:
        end += 1
    return start, end


def damages(size: int, *, line_tokens: bool = True) -> st.SearchStrategy[Damage]:
    pos = st.integers(0, max(size - 1, 0))
    tokens = TOKENS if line_tokens else (*TOKENS, b"</", b"<?xml ")
    return st.one_of(
        st.builds(Damage, st.just("truncate"), pos),
        st.builds(Damage, st.just("flip"), pos, st.integers(0, 254)),
        st.builds(Damage, st.just("delete"), pos, st.integers(1, 64)),
        st.builds(Damage, st.just("insert"), pos, st.just(1), st.sampled_from(tokens)),
        st.builds(Damage, st.just("reencode"), pos, st.integers(1, 400), st.just(b""),
                  st.sampled_from(("gbk", "utf-16", "utf-16-le"))),
        st.builds(Damage, st.sampled_from(("duplicate", "drop")), st.integers(0, 10_000)),
    )


def is_touched(record: Span, damage: Span) -> bool:
    start, end = record[0] - 1, record[1] + 1
    if damage[0] == damage[1]:
        return start < damage[0] < end
    return damage[0] < end and damage[1] > start


# --- framing the undamaged sample, independently of the adapters -----------------------------------------


def line_spans(data: bytes) -> tuple[Span, list[Span]]:
    """(header line, data lines) of a one-record-per-line file."""
    spans, start = [], 0
    for match in re.finditer(rb"\n", data):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(data):
        spans.append((start, len(data)))
    return spans[0], spans[1:]


def uspto_spans(data: bytes) -> list[Span]:
    starts = [m.start() for m in re.finditer(rb"(?m)^<\?xml", data)]
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(data)], strict=True)]


def element_spans(data: bytes, tag: bytes) -> list[Span]:
    closing = b"</" + tag + b">"
    return [(m.start(), data.index(closing, m.start()) + len(closing))
            for m in re.finditer(b"<" + re.escape(tag) + rb"[\s>]", data)]


# --- ingest and compare ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    result: FileResult
    counts: tuple[Any, ...] | None
    patents: dict[str, tuple[Any, ...]]
    duplicates: set[str]


def ingest(con: duckdb.DuckDBPyConnection, path: Path) -> Outcome:
    (result,) = ingest_paths(con, [path]).files
    counts = con.execute(
        "select framed_count, patents_loaded_count, merged_duplicate_count, rejected_count, is_framed_by_adapter "
        "from core.ingest_file where file_id = $id",
        {"id": result.file_id},
    ).fetchone()
    columns = [c for (c,) in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = 'patent' "
        "and column_name not in ('file_id', 'record_no') order by column_index").fetchall()]
    rows = con.execute(
        f"select {', '.join(columns)} from raw.patent where file_id = $id", {"id": result.file_id}
    ).fetchall()
    duplicates = {r[0].split(" ")[2] for r in con.execute(
        "select reason from core.quarantine where file_id = $id and reason like 'duplicate of %'",
        {"id": result.file_id}).fetchall()}
    return Outcome(result, counts, {row[0]: row for row in rows}, duplicates)


def baseline_by_record(con: duckdb.DuckDBPyConnection, outcome: Outcome) -> dict[int, str]:
    """Framed record ordinal (1-based) -> patent_id it loaded as, for the undamaged file."""
    rows = con.execute(
        "select record_no, patent_id from raw.patent where file_id = $id", {"id": outcome.result.file_id}
    ).fetchall()
    return {int(n): str(p) for n, p in rows}


def check(
    baseline: Outcome,
    ordinal_to_patent: dict[int, str],
    records: list[Span],
    file_span: Span,
    damaged: Outcome,
    damage_span: Span | None,
    *,
    header_binds_all: bool = True,
    is_accounting: bool = True,
) -> None:
    result = damaged.result
    assert "\n" not in (result.message or ""), result.message
    assert "reader failed" not in (result.message or ""), result.message  # an exception the adapter did not expect
    reached_file = damage_span is not None and is_touched(file_span, damage_span)
    untouched = [
        ordinal for ordinal, span in enumerate(records, start=1)
        if damage_span is None or not (is_touched(span, damage_span) or (reached_file and header_binds_all))
    ]
    if result.status != "loaded":
        assert result.status == "failed"
        assert reached_file or not untouched, f"whole file failed: {result.message}"
        return
    framed, loaded, merged, rejected, by_adapter = damaged.counts or (None,) * 5
    assert framed == loaded + merged + rejected
    assert by_adapter is is_accounting
    for ordinal in untouched:
        patent_id = ordinal_to_patent.get(ordinal)
        if patent_id is None or patent_id in damaged.duplicates:
            continue  # rejected in the undamaged file too, or the damage made an earlier copy of it
        assert damaged.patents.get(patent_id) == baseline.patents[patent_id], f"record {ordinal} ({patent_id})"


FuzzCase = Callable[[bytes], Path]
