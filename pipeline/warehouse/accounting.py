"""Record accounting: every record a file holds is loaded, merged into an earlier copy, or rejected.

The adapter frames the file's records (lines, quote-balanced rows, XML documents) without the parser that may
fail, and the sink counts what became of each. A file whose counts do not add up lost records somewhere
without saying so; it is refused rather than loaded as if complete.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipeline.errors import IngestError
from pipeline.sources.base import RecordSink
from pipeline.sql import fetch_int, run_sql


@dataclass(frozen=True)
class RecordCounts:
    framed: int
    loaded: int
    merged_duplicates: int
    rejected: int
    repaired: int
    is_framed_by_adapter: bool

    @property
    def unaccounted(self) -> int:
        return self.framed - self.loaded - self.merged_duplicates - self.rejected


class UnbalancedFileError(IngestError):
    """A file whose records do not add up; carries the counts so that the failed manifest row shows them."""

    def __init__(self, path: object, reason: str, counts: RecordCounts) -> None:
        super().__init__(path, reason)
        self.counts = counts


def record_counts(con: duckdb.DuckDBPyConnection, sink: RecordSink) -> RecordCounts:
    """The sink's counts. An adapter that does not frame yet (framed 0) is not failed for it: every record the sink
    saw (loaded, merged or rejected) stands in for the framed count, and is_framed_by_adapter says so."""
    repaired = fetch_int(run_sql(con, "meta/quarantine_repaired_count", {"file_id": sink.file_id}))
    by_adapter = sink.framed > 0
    return RecordCounts(
        framed=sink.framed if by_adapter else sink.patents_loaded + sink.merged_duplicates + sink.rejected,
        loaded=sink.patents_loaded,
        merged_duplicates=sink.merged_duplicates,
        rejected=sink.rejected,
        repaired=int(repaired),
        is_framed_by_adapter=by_adapter,
    )


def imbalance(counts: RecordCounts) -> str | None:
    """The one-line reason a file is refused, or None when its records add up."""
    if counts.unaccounted == 0:
        return None
    lost = "unaccounted for" if counts.unaccounted > 0 else "counted twice"
    return (
        f"records do not add up: {counts.framed} framed but {counts.loaded} loaded + {counts.merged_duplicates} "
        f"merged duplicates + {counts.rejected} rejected ({abs(counts.unaccounted)} {lost}); not loaded"
    )


def store_counts(con: duckdb.DuckDBPyConnection, file_id: str, counts: RecordCounts) -> None:
    run_sql(con, "meta/ingest_file_counts", {
        "framed": counts.framed, "merged": counts.merged_duplicates, "rejected": counts.rejected,
        "repaired": counts.repaired, "by_adapter": counts.is_framed_by_adapter, "id": file_id})
