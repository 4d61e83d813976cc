"""Incremental nightly run vs full rebuild on a large synthetic warehouse.

1. Generate a base corpus (default 1,000,000 synthetic CN records) and one more "week" (default 7,000 records
   continuing the number series), with `patentnav synth`.
2. Build the warehouse from the base corpus: ingest + every step (timed, "initial build").
3. Drop the week into the inbox and run the nightly steps (timed, "increment"): only the new file is ingested;
   every step whose inputs changed runs.
4. `rebuild --mode full` on the same warehouse (timed, "full rebuild": every step, no ingest).
5. A night with nothing new (timed, "quiet night": everything skipped).

Prints each phase's wall time, per-step times, the ratios increment/full-rebuild and increment/initial-build,
and the peak RSS of each phase (each phase runs in its own subprocess). Usage:

    .venv/bin/python bench/incremental.py [--records 1000000] [--week 7000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def run_phase(name: str, args: list[str], env: dict[str, str]) -> tuple[float, dict, float]:
    """Run one CLI phase in a child process; return wall seconds, its JSON report and the child's peak RSS (GB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    completed = subprocess.run([str(BIN / "patentnav"), *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if completed.returncode != 0:
        print(completed.stdout[-3000:], completed.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{name} failed (exit {completed.returncode})")
    report = {}
    start = completed.stdout.find("{")
    if start >= 0:
        try:
            report = json.loads(completed.stdout[start:])
        except json.JSONDecodeError:
            report = {}
    # ru_maxrss of children is the max over all children so far: report it only when it grew.
    peak_gb = (peak_kb if peak_kb > before else 0) / 1024 / 1024
    return seconds, report, peak_gb


def step_seconds(report: dict) -> dict[str, object]:
    steps = report.get("steps", [])
    return {s["step"]: ("skipped" if s.get("skipped") else s.get("seconds")) for s in steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--week", type=int, default=7_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="patentnav-incremental-"))
    shutil.rmtree(work, ignore_errors=True)
    (work / "inbox").mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        PATENTNAV_WAREHOUSE=str(work / "warehouse.duckdb"),
        PATENTNAV_INBOX=str(work / "inbox"),
        PATENTNAV_OUTPUT=str(work / "output"),
    )

    base = work / "inbox" / "cn_incopat_synthetic_base.csv"
    week = work / "staged" / "cn_incopat_synthetic_week.csv"
    week.parent.mkdir()
    gen_s, _, gen_gb = run_phase(
        "generate", ["synth", "--records", str(args.records), "--seed", "1", "--output", str(base)], env
    )
    run_phase(
        "generate week",
        [
            "synth",
            "--records",
            str(args.week),
            "--seed",
            "2",
            "--number-offset",
            str(args.records),
            "--output",
            str(week),
        ],
        env,
    )
    print(f"generated {args.records:,} + {args.week:,} records in {gen_s:.1f}s (peak {gen_gb:.2f} GB)")

    initial_s, initial, initial_gb = run_phase("initial build", ["run"], env)
    shutil.move(str(week), work / "inbox" / week.name)
    increment_s, increment, increment_gb = run_phase("increment", ["run"], env)
    rebuild_s, rebuild, rebuild_gb = run_phase("full rebuild", ["rebuild", "--mode", "full"], env)
    quiet_s, quiet, _quiet_gb = run_phase("quiet night", ["run"], env)

    print(f"initial build  : {initial_s:8.1f}s  peak {initial_gb:.2f} GB  steps {step_seconds(initial)}")
    print(f"increment      : {increment_s:8.1f}s  peak {increment_gb:.2f} GB  steps {step_seconds(increment)}")
    print(f"full rebuild   : {rebuild_s:8.1f}s  peak {rebuild_gb:.2f} GB  steps {step_seconds(rebuild)}")
    print(f"quiet night    : {quiet_s:8.1f}s  steps {step_seconds(quiet)}")
    print(f"ratio increment / full rebuild  = {increment_s / rebuild_s:.2f}")
    print(f"ratio increment / initial build = {increment_s / initial_s:.2f}")
    print(f"ratio quiet night / full rebuild = {quiet_s / rebuild_s:.3f}")
    print(f"workdir: {work}")


if __name__ == "__main__":
    main()
