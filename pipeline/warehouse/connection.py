"""Opening the warehouse: one writer at a time, enforced with an advisory file lock."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.errors import WarehouseBusyError


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


@contextmanager
def open_warehouse(
    path: Path, *, read_only: bool = False, wait_seconds: float = 0.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Connect to the DuckDB file, creating/migrating the schema when writing."""
    from pipeline.warehouse.schema import ensure_schema

    if read_only:
        con = duckdb.connect(str(path), read_only=True)
        try:
            yield con
        finally:
            con.close()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path.with_name(path.name + ".lock"), wait_seconds):
        con = duckdb.connect(str(path))
        try:
            ensure_schema(con)
            yield con
        finally:
            con.close()
