"""Crash safety and concurrency, with real `patentnav ingest` processes:

- kill -9 mid-ingest, then re-run: every raw/core table equals an uninterrupted run's (timing columns of
  core.ingest_file excluded), and what the killed run left behind was whole files only;
- two concurrent ingests: the second refuses with a clear one-line message (exit 1) or, with --wait, waits for
  the first and then finds nothing to do; the warehouse equals the uninterrupted run's.
"""

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

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PATENTNAV = str(Path(sys.executable).with_name("patentnav"))
SAMPLE = load_settings({}).sample_dir
# Several formats and 20 files (~7 s): long enough to be killed in the middle of it.
INPUTS = [SAMPLE / "lens", SAMPLE / "synthetic", SAMPLE / "uspto", SAMPLE / "patentsview", SAMPLE / "cn"]
TIMING = {("core", "ingest_file"): {"first_seen_at", "loaded_at", "load_seconds"}}

Snapshot = dict[str, list[tuple[object, ...]]]


def env_for(warehouse: Path) -> dict[str, str]:
    return {**os.environ, "PATENTNAV_WAREHOUSE": str(warehouse)}


def command(*extra: str) -> list[str]:
    return [PATENTNAV, "ingest", *map(str, INPUTS), *extra]


def ingest(warehouse: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*extra), env=env_for(warehouse), capture_output=True, text=True, check=False, timeout=300
    )


def snapshot(warehouse: Path) -> Snapshot:
    """Every raw/core table, all columns but the timing ones, as sorted rows."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() where schema_name in ('raw', 'core') order by all"
        ).fetchall()
        result = {}
        for schema, table in tables:
            skip = TIMING.get((schema, table), set())
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from duckdb_columns() where schema_name = $s and table_name = $t "
                    "order by column_index",
                    {"s": schema, "t": table},
                ).fetchall()
                if c not in skip
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            result[f"{schema}.{table}"] = con.execute(
                f'select {listed} from "{schema}"."{table}" order by all'
            ).fetchall()
    return result


def differing_tables(got: Snapshot, expected: Snapshot) -> list[str]:
    """Tables whose rows differ, each with a sample row from either side (a short message, not a huge diff)."""
    problems = []
    for table in sorted(set(got) | set(expected)):
        mine, theirs = set(got.get(table, [])), set(expected.get(table, []))
        if got.get(table) != expected.get(table):
            problems.append(f"{table}: {len(got.get(table, []))} vs {len(expected.get(table, []))} rows; "
                            f"only here {sorted(mine - theirs, key=repr)[:2]}; only expected "
                            f"{sorted(theirs - mine, key=repr)[:2]}")
    return problems


def file_counts(warehouse: Path) -> dict[str, tuple[int, ...]]:
    """Per loaded file: rows it owns in each raw table and in the quarantine."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select f.file_name,
                (select count(*) from raw.patent r where r.file_id = f.file_id),
                (select count(*) from raw.patent_party r where r.file_id = f.file_id),
                (select count(*) from raw.classification r where r.file_id = f.file_id),
                (select count(*) from raw.citation r where r.file_id = f.file_id),
                (select count(*) from core.quarantine q where q.file_id = f.file_id)
            from core.ingest_file f where f.status = 'loaded'
            """
        ).fetchall()
    return {name: tuple(counts) for name, *counts in rows}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    warehouse = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    result = ingest(warehouse)
    assert result.returncode == 0, result.stderr
    return warehouse, snapshot(warehouse)


def test_reference_run_loaded_every_input(reference):
    warehouse, expected = reference
    from pipeline.sources import INGESTIBLE_SUFFIXES

    files = [f for p in INPUTS for f in p.iterdir() if f.suffix.lower() in INGESTIBLE_SUFFIXES]
    pv_members = [f for f in files if f.name.startswith("g_")]
    units = len(files) - len(pv_members) + (1 if pv_members else 0)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = con.execute("select status, count(*) from core.ingest_file group by all").fetchall()
    assert statuses == [("loaded", units)]
    assert len(expected["core.patent"]) > 5000


# The real CLI entry point, with each file's commit announced on stdout so that the test can kill it at a known
# point (after the second file, inside the third) however loaded the machine is.
TRACED_CLI = """
import sys
import pipeline.warehouse.ingest as ingest
from pipeline.cli import main
original = ingest.ingest_unit
def traced(con, unit):
    result = original(con, unit)
    print("committed", unit.path, flush=True)
    return result
ingest.ingest_unit = traced
sys.argv = ["patentnav", "ingest", *sys.argv[1:]]
main()
"""


def test_kill_9_mid_ingest_then_rerun_equals_an_uninterrupted_run(reference, tmp_path):
    reference_path, expected = reference
    crashed = tmp_path / "crashed.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-c", TRACED_CLI, *map(str, INPUTS)],
        env=env_for(crashed),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    committed = [process.stdout.readline() for _ in range(2)]
    assert all(line.startswith("committed ") for line in committed), committed
    time.sleep(0.2)  # inside the third file (the 3,000-record synthetic CSV: about a second of work)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL  # it was still running: the kill really was mid-ingest

    # What the killed run left is whole files only, each exactly as the uninterrupted run loaded it.
    partial, complete = file_counts(crashed), file_counts(reference_path)
    assert 2 <= len(partial) < len(complete)
    assert {name: complete[name] for name in partial} == partial

    rerun = ingest(crashed)
    assert rerun.returncode == 0, rerun.stderr
    assert differing_tables(snapshot(crashed), expected) == []
    # and a second re-run is a no-op
    again = ingest(crashed)
    assert again.returncode == 0 and "loaded " not in again.stderr
    assert differing_tables(snapshot(crashed), expected) == []


def test_a_concurrent_ingest_refuses_clearly_or_waits(reference, tmp_path):
    _, expected = reference
    warehouse = tmp_path / "w.duckdb"
    lock = warehouse.with_name(warehouse.name + ".lock")
    first = subprocess.Popen(command(), env=env_for(warehouse), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip() == f"pid {first.pid}"):
        time.sleep(0.01)
    assert first.poll() is None, "the first ingest finished before the second could race it"

    refused = ingest(warehouse)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    [line] = [line for line in refused.stderr.splitlines() if line.strip()]
    assert line == (
        f"error: {warehouse}: warehouse is being written by pid {first.pid}; "
        "try again when it finishes (or pass --wait SECONDS)"
    )

    waited = ingest(warehouse, "--wait", "120")
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert waited.returncode == 0, waited.stderr
    assert "loaded " not in waited.stderr  # it waited for the first, then found every file already in
    assert differing_tables(snapshot(warehouse), expected) == []
