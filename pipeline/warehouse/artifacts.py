"""The raw layer as immutable Parquet artifacts: one folder per input file, keyed by the sha256 of its content.

Reading a file (the slow, parallel part) and merging it into core (the single writer's part) are separate:
`stage_unit` parses a unit into `<root>/<sha256>/` — one Parquet file per raw table, the file's quarantine, and
`manifest.json` with its record accounting — in a private in-memory DuckDB, without touching the warehouse, so any
number of workers (Airflow mapped tasks, Celery workers, pods on a shared volume) can stage at once. The writer
then merges the artifact into core with set-based SQL. The warehouse's raw.* are views over the Parquet of the
files it has loaded, so each raw row is written once, to its artifact, and never copied into the warehouse.

An artifact is written to a scratch folder and renamed into place: a reader sees a whole artifact or none. It is
reused only by the reader version that made it (the code of pipeline/sources and its SQL): a changed reader
stages again. A file that could not be read leaves a manifest saying why (status failed), no Parquet.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import IngestError
from pipeline.settings import PROJECT_ROOT, _sql_dir
from pipeline.sources import detect_adapter
from pipeline.sources.base import CN_RAW_TABLES, PARQUET_OPTIONS, RAW_TABLES, IngestUnit, RecordSink, table_files
from pipeline.sql import list_sql, quote_literal, run_sql
from pipeline.warehouse.accounting import UnbalancedFileError, imbalance, record_counts
from pipeline.warehouse.connection import WarehouseFullError, connection_config, disk_full_message, is_disk_full

log = logging.getLogger(__name__)

RAW_VIEWS = (*RAW_TABLES, *CN_RAW_TABLES)
MANIFEST = "manifest.json"
ARTIFACTS_ENV = "PATENTNAV_ARTIFACTS"


@dataclass(frozen=True)
class Artifact:
    folder: Path
    manifest: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.manifest["status"])

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def table_path(self, table: str) -> Path:
        return self.folder / f"{table}.parquet"


def artifact_root_for(database: Path | None) -> Path:
    """Where a warehouse's artifacts live: $PATENTNAV_ARTIFACTS (a shared volume), else beside the DuckDB file
    (`warehouse.duckdb` -> `warehouse.artifacts/`); an in-memory warehouse gets a folder removed at exit."""
    if configured := os.environ.get(ARTIFACTS_ENV):
        return Path(configured).expanduser().resolve()
    if database is None:
        return _process_scratch_root()
    return database.with_name(database.stem + ".artifacts")


@cache
def _process_scratch_root() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="patentnav-artifacts-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def connection_artifact_root(con: duckdb.DuckDBPyConnection) -> Path:
    rows = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()
    path = rows[0][0] if rows else None
    return artifact_root_for(Path(path).resolve() if path else None)


@cache
def reader_version() -> str:
    """The code that turns a file into raw rows: an edit to it makes earlier artifacts stale."""
    digest = hashlib.sha256()
    files = sorted((PROJECT_ROOT / "pipeline" / "sources").rglob("*.py"))
    files += [PROJECT_ROOT / "pipeline" / "normalize.py"]
    files += sorted((_sql_dir() / "staging").glob("*.sql")) + sorted((_sql_dir() / "raw").glob("*.sql"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def artifact_folder(root: Path, sha256: str) -> Path:
    return root / sha256


def find_artifact(root: Path, sha256: str) -> Artifact | None:
    """The staged artifact of this content by the current reader, if one exists."""
    folder = artifact_folder(root, sha256)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("reader_version") != reader_version():
        return None
    return Artifact(folder, manifest)


def staging_connection(scratch: Path) -> duckdb.DuckDBPyConnection:
    """A private in-memory database with the raw tables and the quarantine table the adapters write to."""
    # memory_limit and threads from settings (staging_memory_limit: what one staging process may hold before
    # DuckDB spills to the artifact store's scratch folder)
    con = duckdb.connect(config=connection_config(staging=True))
    con.execute(f"set temp_directory = {quote_literal(str(scratch))}")
    run_sql(con, "schema/001_create_schema_raw")
    run_sql(con, "schema/002_create_schema_core")
    for name in list_sql("raw"):
        run_sql(con, name)
    run_sql(con, "schema/021_core_quarantine")
    return con


def is_synthetic_unit(unit: IngestUnit) -> bool:
    return "synthetic" in unit.path.name.lower()


def stage_unit(unit: IngestUnit, root: Path, sha256: str, size: int) -> Artifact:
    """Read one unit into its artifact (or a failed manifest). Never raises for a bad file; raises
    WarehouseFullError when the artifact store's disk is full (every later file would fail alike)."""
    started = time.monotonic()
    scratch = root / ".scratch" / f"{sha256[:16]}-{uuid.uuid4().hex[:8]}"
    scratch.mkdir(parents=True)
    base = {"sha256": sha256, "file_id": sha256[:16], "size_bytes": size, "file_name": unit.name,
            "is_synthetic": is_synthetic_unit(unit), "reader_version": reader_version()}
    try:
        manifest = _read_into(unit, scratch, base)
        if manifest["status"] == "failed":  # no Parquet beside a failed manifest (an adapter may have begun some)
            for written in scratch.glob("*.parquet"):
                written.unlink()
        manifest["stage_seconds"] = round(time.monotonic() - started, 3)
        (scratch / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        return _publish(scratch, artifact_folder(root, sha256))
    except Exception as exc:
        if is_disk_full(exc):
            raise WarehouseFullError(disk_full_message(unit.path)) from None
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _read_into(unit: IngestUnit, scratch: Path, base: dict[str, Any]) -> dict[str, Any]:
    try:
        adapter = detect_adapter(unit)
    except IngestError as exc:
        return {**base, "status": "failed", "format": "unknown", "source": "unknown", "reason": exc.reason}
    except OSError as exc:
        return {**base, "status": "failed", "format": "unknown", "source": "unknown", "reason": str(exc)}
    described = {**base, "format": adapter.format, "source": adapter.source}
    con = staging_connection(scratch)
    try:
        sink = RecordSink(con, base["file_id"], unit.name, adapter.source, is_synthetic=base["is_synthetic"],
                          parquet_dir=scratch)
        try:
            adapter.read(unit, sink)
            sink.flush()
            if sink.records_read == 0 and sink.quarantined == 0:
                raise IngestError(unit.path, f"no {adapter.format} records found")
            counts = record_counts(con, sink)
            if problem := imbalance(counts):
                raise UnbalancedFileError(unit.path, problem, counts)
        except UnbalancedFileError as exc:
            return {**described, "status": "failed", "reason": exc.reason, "counts": exc.counts.__dict__}
        except IngestError as exc:
            return {**described, "status": "failed", "reason": exc.reason}
        except Exception as exc:
            if is_disk_full(exc):
                raise
            log.exception("unexpected failure reading %s", unit.path)
            return {**described, "status": "failed",
                    "reason": f"{adapter.format} reader failed: {type(exc).__name__}: {exc}"}
        for table in RAW_VIEWS:
            if not (scratch / f"{table}.parquet").exists():  # else the adapter wrote it straight from the file
                _copy_to_parquet(con, f"raw.{table}", scratch / f"{table}.parquet")
        _copy_to_parquet(con, "core.quarantine", scratch / "quarantine.parquet")
        return {**described, "status": "staged", "counts": counts.__dict__,
                "records_read": sink.records_read, "patents_loaded": sink.patents_loaded,
                "rows_loaded": sink.rows_loaded, "quarantined": sink.quarantined}
    finally:
        con.close()


def _copy_to_parquet(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    # table is one of our constants and target a path we built; COPY takes neither as a parameter
    con.execute(f"copy {table} to {quote_literal(str(target))} (format parquet, {PARQUET_OPTIONS})")


def _publish(scratch: Path, final: Path) -> Artifact:
    """Move the finished artifact into place in one rename; a failed manifest replaces an older one."""
    manifest = json.loads((scratch / MANIFEST).read_text(encoding="utf-8"))
    staged = scratch.with_name(scratch.name + ".done")
    scratch.rename(staged)
    if final.exists():
        existing = find_artifact(final.parent, final.name)
        if existing and not existing.failed:  # another worker staged the same content first: keep theirs
            shutil.rmtree(staged, ignore_errors=True)
            return existing
        retired = final.with_name(final.name + f".old-{uuid.uuid4().hex[:8]}")
        final.rename(retired)
        shutil.rmtree(retired, ignore_errors=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    staged.rename(final)
    return Artifact(final, manifest)


def shape_folder(root: Path) -> Path:
    """Empty Parquet files with the current raw columns: every raw view reads them first, so a view has its
    columns and types even before any file is loaded, and older artifacts missing a newer column read as NULL."""
    ddl = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((_sql_dir() / "raw").glob("*.sql"))))
    folder = root / f"_shape-{ddl.hexdigest()[:12]}"
    if not (folder / MANIFEST).exists():
        scratch = root / ".scratch" / f"shape-{uuid.uuid4().hex[:8]}"
        scratch.mkdir(parents=True)
        con = staging_connection(scratch)
        try:
            for table in RAW_VIEWS:
                _copy_to_parquet(con, f"raw.{table}", scratch / f"{table}.parquet")
        finally:
            con.close()
        (scratch / MANIFEST).write_text(json.dumps({"status": "shape"}), encoding="utf-8")
        try:
            scratch.rename(folder)
        except OSError:  # made by another process meanwhile
            shutil.rmtree(scratch, ignore_errors=True)
    return folder


def refresh_raw_views(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    """Point raw.* at the artifacts of the files loaded now (call inside the transaction that changes them)."""
    from pipeline.warehouse.schema import apply_raw_comments

    root = root or connection_artifact_root(con)
    shapes = shape_folder(root)
    loaded = [row[0] for row in run_sql(con, "meta/loaded_file_sha256").fetchall()]
    for table in RAW_VIEWS:
        paths = [shapes / f"{table}.parquet",
                 *(path for sha in loaded for path in table_files(artifact_folder(root, sha), table))]
        listed = ", ".join(quote_literal(str(path)) for path in paths)
        # the paths are ours (artifact folders named by sha256); a view cannot take parameters
        con.execute(f"create or replace view raw.{table} as "
                    f"select * from read_parquet([{listed}], union_by_name = true)")
    apply_raw_comments(con)


def write_migrated_artifact(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any], tables: list[str]) -> None:
    """The artifact of a file loaded before artifacts existed, written from the warehouse's raw tables."""
    root = connection_artifact_root(con)
    scratch = root / ".scratch" / f"{manifest['file_id']}-{uuid.uuid4().hex[:8]}"
    scratch.mkdir(parents=True)
    try:
        shapes = shape_folder(root)
        for table in RAW_VIEWS:
            source = f"raw.{table}" if table in tables else \
                f"read_parquet({quote_literal(str(shapes / f'{table}.parquet'))})"
            # table names are our constants, the file id a bound parameter
            con.execute(f"copy (select * from {source} where file_id = $file_id) to "
                        f"{quote_literal(str(scratch / f'{table}.parquet'))} (format parquet, {PARQUET_OPTIONS})",
                        {"file_id": manifest["file_id"]})
        con.execute(f"copy (select * from core.quarantine where file_id = $file_id) to "
                    f"{quote_literal(str(scratch / 'quarantine.parquet'))} (format parquet, {PARQUET_OPTIONS})",
                    {"file_id": manifest["file_id"]})
        manifest = {**manifest, "reader_version": reader_version()}
        (scratch / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _publish(scratch, artifact_folder(root, str(manifest["sha256"])))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
