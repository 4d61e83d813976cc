"""Opening the warehouse: one writer at a time, enforced with an advisory file lock."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.errors import PatentNavError, WarehouseBusyError
from pipeline.settings import DuckDBConfig, Settings, load_settings

# What DuckDB says when the file itself is broken (truncated, overwritten, bad block checksums), as opposed to
# a lock held by another process or a bad query.
_DAMAGE_MARKERS = ("not a valid DuckDB database file", "Could not read enough bytes", "Corrupt database file",
                   "does not match stored checksum")


class WarehouseDamagedError(PatentNavError):
    """The warehouse file cannot be read; the message names the recovery."""


def damaged_message(path: Path, exc: BaseException) -> str:
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        f"{path}: the warehouse file is damaged ({first_line}); move it aside, then rebuild from the inbox with "
        "`patentnav run` (a new warehouse reloads every inbox file; `patentnav rebuild` alone does not), or "
        "restore your Parquet backup with `import database 'BACKUP_DIR'` into a new warehouse file"
    )


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and any(marker in str(exc) for marker in _DAMAGE_MARKERS)


class WarehouseFullError(PatentNavError):
    """The disk holding the warehouse filled up mid-file; the file's transaction was rolled back."""


def is_disk_full(exc: BaseException) -> bool:
    text = str(exc)
    return "No space left on device" in text or "Disk full" in text or "disk is full" in text.lower()


def disk_full_message(path: object) -> str:
    return (
        f"{path}: the disk holding the warehouse is full (No space left on device); nothing of this file was "
        "kept and the warehouse is as it was before it. Free space and re-run"
    )


@contextmanager
def _damage_as_one_line(path: Path) -> Iterator[None]:
    try:
        yield
    except duckdb.Error as exc:
        if is_damage(exc):
            raise WarehouseDamagedError(damaged_message(path, exc)) from None
        raise


@contextmanager
def writer_lock(lock_path: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock beside the warehouse file; wait up to wait_seconds, then refuse clearly."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 (held for the life of the context)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WarehouseBusyError(
                        f"{lock_path.with_suffix('')}: warehouse is being written by {holder}; "
                        "try again when it finishes (or pass --wait SECONDS)"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def connection_config(settings: Settings | None = None, *, staging: bool = False) -> DuckDBConfig:
    """DuckDB memory_limit and threads from settings (PATENTNAV_DUCKDB_MEMORY, PATENTNAV_DUCKDB_THREADS,
    PATENTNAV_STAGING_MEMORY): the one place every pipeline connection takes them from."""
    return (settings or load_settings()).duckdb_config(staging=staging)


@contextmanager
def open_warehouse(
    path: Path, *, read_only: bool = False, wait_seconds: float = 0.0, settings: Settings | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Connect to the DuckDB file, creating/migrating the schema when writing. A damaged file (at open or later,
    when a damaged block is read) raises WarehouseDamagedError naming the recovery."""
    from pipeline.warehouse.schema import ensure_schema

    config = connection_config(settings)
    if read_only:
        with _damage_as_one_line(path):
            con = duckdb.connect(str(path), read_only=True, config=config)
            try:
                yield con
            finally:
                con.close()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path.with_name(path.name + ".lock"), wait_seconds), _damage_as_one_line(path):
        con = duckdb.connect(str(path), config=config)
        try:
            ensure_schema(con)
            yield con
        finally:
            con.close()
