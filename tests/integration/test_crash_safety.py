"""Crash safety and concurrency: kill -9 mid-ingest then re-run equals an uninterrupted run; a second writer
refuses with a clear message (or waits with --wait); nothing is corrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import load_settings
from pipeline.warehouse.connection import writer_lock

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PATENTNAV = str(Path(sys.executable).with_name("patentnav"))
SAMPLE = load_settings({}).sample_dir
INPUTS = [SAMPLE / "lens", SAMPLE / "synthetic", SAMPLE / "uspto"]
TIMING = {"first_seen_at", "loaded_at", "load_seconds", "path"}


def env_for(warehouse: Path) -> dict[str, str]:
    return {**os.environ, "PATENTNAV_WAREHOUSE": str(warehouse)}


def ingest(warehouse: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PATENTNAV, "ingest", *map(str, INPUTS), *extra],
        env=env_for(warehouse),
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('raw', 'core') order by all"
        ).fetchall()
        result = {}
        for schema, table in tables:
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from duckdb_columns() where schema_name = $s and table_name = $t "
                    "order by column_index",
                    {"s": schema, "t": table},
                ).fetchall()
                if c not in TIMING
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            result[f"{schema}.{table}"] = con.execute(
                f'select {listed} from "{schema}"."{table}" order by all'
            ).fetchall()
    return result


def test_kill_9_mid_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path):
    reference = tmp_path / "reference.duckdb"
    assert ingest(reference).returncode == 0
    expected = snapshot(reference)

    crashed = tmp_path / "crashed.duckdb"
    process = subprocess.Popen(
        [PATENTNAV, "ingest", *map(str, INPUTS)],
        env=env_for(crashed),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # wait until it is writing (the WAL exists) and then kill it without warning
    while time.monotonic() < deadline and not crashed.with_name(crashed.name + ".wal").exists():
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    rerun = ingest(crashed)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(crashed) == expected


def test_a_second_writer_refuses_clearly_then_waits_when_asked(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with writer_lock(warehouse.with_name(warehouse.name + ".lock")):
        refused = ingest(warehouse)
    assert refused.returncode == 1
    assert "warehouse is being written by pid" in refused.stderr
    assert "Traceback" not in refused.stderr

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from pipeline.warehouse.connection import writer_lock\n"
            f"with writer_lock(Path({str(warehouse) + '.lock'!r})):\n    print('held', flush=True); time.sleep(3)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    waited = ingest(warehouse, "--wait", "60")
    holder.wait()
    assert waited.returncode == 0, waited.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select count(*) from core.ingest_file where status = 'loaded'").fetchone()
    assert loaded is not None and loaded[0] == sum(1 for p in INPUTS for f in p.iterdir() if f.suffix != ".md")
