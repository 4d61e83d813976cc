"""Ingest files into raw.* and merge them into core.*: one transaction per file, idempotent by content hash.

A file is identified by the sha256 of its bytes. Seen before and loaded: nothing happens. A path whose content
changed: the earlier version's rows are retired and the new ones loaded in the same transaction, so a reader
never sees both or neither. A crash mid-file rolls back to the state before that file.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipeline.db import table_exists, transaction
from pipeline.errors import IngestError
from pipeline.sources import discover_units
from pipeline.sources.base import CN_RAW_TABLES, IngestUnit
from pipeline.sources.cn_export import column_warnings
from pipeline.sql import run_sql
from pipeline.warehouse.accounting import RecordCounts, store_counts
from pipeline.warehouse.artifacts import (
    Artifact,
    connection_artifact_root,
    find_artifact,
    is_synthetic_unit,
    refresh_raw_views,
    stage_unit,
)
from pipeline.warehouse.connection import WarehouseFullError, disk_full_message, is_disk_full

log = logging.getLogger(__name__)

MERGE_STEPS = (
    "core/delete_patent",
    "core/insert_patent",
    "core/delete_patent_party",
    "core/insert_patent_party",
    "core/delete_classification",
    "core/insert_classification",
    "core/delete_citation",
    "core/insert_citation",
    "core/resolve_cited_patent",
    *(f"core/{verb}_{table}" for table in CN_RAW_TABLES for verb in ("delete", "insert")),
    "core/delete_citation_citing_list",
    "core/insert_citation_citing_list",
)


@dataclass
class FileResult:
    path: str
    file_id: str
    status: str  # loaded | unchanged | duplicate | failed
    format: str | None = None
    records_read: int = 0
    patents_loaded: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    message: str | None = None
    warnings: tuple[str, ...] = ()  # one line each, e.g. a CN export column that looks known but maps to nothing


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def loaded(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "loaded"]


def hash_unit(unit: IngestUnit) -> tuple[str, int]:
    """sha256 over the unit's members (name and bytes, in order) and total size; streamed in 1 MiB blocks."""
    digest = hashlib.sha256()
    size = 0
    for member in unit.members:
        if len(unit.members) > 1:
            digest.update(member.name.encode() + b"\0")
        with open(member, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    return digest.hexdigest(), size


# A member modified this close to the moment it was hashed may change again within the same mtime tick, so its
# recorded hash is not trusted (the "racily clean" rule of git's index).
RACY_WINDOW_NS = 1_000_000_000


def unit_signature(unit: IngestUnit) -> tuple[str, int]:
    """name:size:mtime_ns of each member, and the newest member mtime (ns)."""
    parts, newest = [], 0
    for member in unit.members:
        stat = member.stat()
        parts.append(f"{member.name}:{stat.st_size}:{stat.st_mtime_ns}")
        newest = max(newest, stat.st_mtime_ns)
    return "|".join(parts), newest


def recorded_hash(con: duckdb.DuckDBPyConnection, unit: IngestUnit) -> tuple[str, int] | None:
    """The hash meta.file_signature holds for the unit, if its members kept their size and mtime since (and
    were not modified within RACY_WINDOW_NS before it was taken)."""
    if not table_exists(con, "meta.file_signature"):
        return None
    signature, newest = unit_signature(unit)
    found = run_sql(con, "meta/file_signature_lookup", {"path": str(unit.path.resolve()), "signature": signature,
                                                        "newest": newest, "racy": RACY_WINDOW_NS}).fetchall()
    return (str(found[0][0]), int(found[0][1])) if found else None


def content_hash(con: duckdb.DuckDBPyConnection, unit: IngestUnit, *, record: bool = True) -> tuple[str, int]:
    """hash_unit, reusing the recorded hash while the unit's members are unchanged, so a night reads only new or
    changed files. record=False for read-only connections."""
    known = recorded_hash(con, unit)
    if known:
        return known
    signature, _ = unit_signature(unit)
    hashed_at = time.time_ns()
    sha, size = hash_unit(unit)
    if record:
        run_sql(con, "meta/file_signature_record", {"path": str(unit.path.resolve()), "signature": signature,
                                                     "sha256": sha, "size_bytes": size, "hashed_at_ns": hashed_at})
    return sha, size


def sign_inbox(con: duckdb.DuckDBPyConnection, inbox: Path) -> int:
    """Record the content hash of inbox units that have none yet (files loaded before signatures existed, or
    hashed while still being written), so later nights skip reading them. Returns how many were hashed."""
    if not inbox.exists():
        return 0
    unsigned = [unit for unit in discover_units([inbox]) if recorded_hash(con, unit) is None]
    for unit in unsigned:
        content_hash(con, unit)
    return len(unsigned)


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Sequence[Path],
    *,
    on_file: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest every unit under paths, then the whole-table core steps once."""
    report = ingest_units(con, discover_units([Path(p) for p in paths]), on_file=on_file)
    finalize_core(con)
    return report


def ingest_units(
    con: duckdb.DuckDBPyConnection,
    units: Sequence[IngestUnit],
    *,
    on_file: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """The one ingest loop (CLI and DAG alike): failures are recorded and reported, the other files still load."""
    report = IngestReport()
    for unit in units:
        try:
            result = ingest_unit(con, unit)
        except IngestError as exc:
            result = FileResult(str(unit.path), "", "failed", message=exc.reason)
        report.files.append(result)
        if on_file:
            on_file(result)
    return report


def ingest_unit(con: duckdb.DuckDBPyConnection, unit: IngestUnit, root: Path | None = None) -> FileResult:
    """Load one unit: reuse its staged artifact (or stage it now), then merge the artifact into core."""
    started = time.monotonic()
    sha, size = content_hash(con, unit)
    file_id = sha[:16]
    path_text = str(unit.path.resolve())
    known = run_sql(con, "meta/ingest_file_by_id", {"file_id": file_id}).fetchone()
    if known and known[1] == "loaded":
        status = "unchanged" if known[0] == path_text else "duplicate"
        message = None if status == "unchanged" else f"same content as {known[0]}; not loaded twice"
        return FileResult(path_text, file_id, status, message=message)

    root = root or connection_artifact_root(con)
    artifact = find_artifact(root, sha) or stage_unit(unit, root, sha, size)
    if artifact.failed:
        manifest = artifact.manifest
        _record_failure(con, unit, file_id, sha, size, manifest["format"], manifest["reason"])
        if "counts" in manifest:
            store_counts(con, file_id, RecordCounts(**manifest["counts"]))
        raise IngestError(unit.path, manifest["reason"])
    try:
        seconds = merge_artifact(con, unit, artifact, root, started)
    except IngestError:
        raise
    except Exception as exc:
        if is_disk_full(exc):  # every later file would fail alike: stop the run, in one line
            raise WarehouseFullError(disk_full_message(unit.path)) from None
        log.exception("unexpected failure merging %s", unit.path)
        reason = f"merge failed: {type(exc).__name__}: {exc}"
        _record_failure(con, unit, file_id, sha, size, artifact.manifest["format"], reason)
        raise IngestError(unit.path, reason) from exc
    manifest = artifact.manifest
    log.info("loaded %s: %d records, %d quarantined", unit.path, manifest["records_read"], manifest["quarantined"])
    warnings = tuple(column_warnings(unit.members[0])) if manifest["format"] == "cn_export" else ()
    for line in warnings:
        log.info("warning %s", line)
    return FileResult(path_text, file_id, "loaded", manifest["format"], manifest["records_read"],
                      manifest["patents_loaded"], manifest["quarantined"], seconds, None, warnings)


def merge_artifact(
    con: duckdb.DuckDBPyConnection, unit: IngestUnit, artifact: Artifact, root: Path, started: float
) -> float:
    """Merge a staged artifact into core in one transaction; an earlier version of the same path is retired in
    the same transaction. Returns the seconds since `started`."""
    manifest = artifact.manifest
    file_id, path_text = manifest["file_id"], str(unit.path.resolve())
    with transaction(con):
        retired = [row[0] for row in run_sql(con, "meta/ingest_file_replaced_versions",
                                             {"path": path_text, "file_id": file_id}).fetchall()]
        stale_ids = [*retired, file_id]
        run_sql(con, "core/affected_patent_create", {"file_ids": stale_ids})
        run_sql(con, "core/delete_quarantine", {"file_ids": stale_ids})
        run_sql(con, "meta/ingest_file_supersede", {"file_ids": retired})
        _upsert_manifest(con, unit, file_id, manifest["sha256"], manifest["size_bytes"], manifest["format"],
                         manifest["source"], "loaded")
        run_sql(con, "core/insert_quarantine_from_artifact",
                {"path": str(artifact.table_path("quarantine")), "file_name": unit.name})
        refresh_raw_views(con, root)
        run_sql(con, "core/affected_patent_add", {"file_id": file_id})
        merge_affected(con)
        seconds = time.monotonic() - started
        run_sql(con, "meta/ingest_file_loaded", {
            "records_read": manifest["records_read"], "patents_loaded": manifest["patents_loaded"],
            "rows_loaded": manifest["rows_loaded"], "quarantined": manifest["quarantined"],
            "loaded_at": datetime.now(), "load_seconds": round(seconds, 3),
            "message": f"replaced {', '.join(retired)}" if retired else None, "file_id": file_id})
        store_counts(con, file_id, RecordCounts(**manifest["counts"]))
    return seconds


def merge_affected(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute core rows for the patent ids in the temp table affected_patent."""
    run_sql(con, "core/affected_number_key")
    older_citations = True
    for step in MERGE_STEPS:
        if step == "core/resolve_cited_patent" and not older_citations:
            continue  # every citation in core came from this load and was resolved as it went in
        if step == "core/insert_citation_citing_list" and not _asks(con, "core/cited_by_any"):
            continue  # no source gave a citing list: a scan of core.patent for nothing
        run_sql(con, step)
        if step == "core/delete_citation":
            older_citations = _asks(con, "core/citation_any")


def _asks(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(run_sql(con, name).fetchall()[0][0])


def finalize_core(con: duckdb.DuckDBPyConnection) -> None:
    """Cheap whole-table steps done once per ingest run rather than once per file."""
    with transaction(con):
        run_sql(con, "core/unlink_cited_patent")
        run_sql(con, "core/rebuild_party")


def _upsert_manifest(
    con: duckdb.DuckDBPyConnection,
    unit: IngestUnit,
    file_id: str,
    sha: str,
    size: int,
    fmt: str,
    source: str,
    status: str,
    message: str | None = None,
) -> None:
    run_sql(con, "meta/ingest_file_upsert", {
        "file_id": file_id, "path": str(unit.path.resolve()), "file_name": unit.name, "sha256": sha,
        "size_bytes": size, "format": fmt, "source": source, "status": status,
        "is_synthetic": is_synthetic_unit(unit), "seen_at": datetime.now(), "message": message})


def _record_failure(
    con: duckdb.DuckDBPyConnection, unit: IngestUnit, file_id: str, sha: str, size: int, fmt: str, reason: str
) -> None:
    _upsert_manifest(con, unit, file_id, sha, size, fmt, fmt, "failed", reason)
