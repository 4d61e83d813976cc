"""Incremental nightly run vs full rebuild on a large synthetic warehouse.

1. Generate a base corpus (default 1,000,000 synthetic CN records) and one more "week" (default 7,000 records
   continuing the number series), with `patentnav synth`.
2. Build the warehouse from the base corpus: ingest + every step (timed, "initial build"). The built warehouse
   and its models are kept in WORKDIR/base/ so `--reuse-base` can skip steps 1-2 next time.
3. Drop the week into the inbox and run the nightly steps (timed, "increment"): only the new file is ingested;
   every step whose inputs changed runs, each on what changed where it can.
4. `rebuild --mode full` on the same warehouse (timed, "full rebuild": every step from scratch, no ingest; the
   text model is retrained and topics re-clustered).
5. A night with nothing new (timed, "quiet night": everything skipped).

Prints each phase's wall time and per-phase seconds as it finishes, the increment's "ingest + enrichment" part
(ingest, core checks, applicants/片区, industries, topics/landscape: the issue's 60 s target), and the ratios
increment / full rebuild and quiet night / full rebuild. Each phase runs in its own subprocess; its peak RSS is
reported. Usage:

    .venv/bin/python bench/incremental.py [--records 1000000] [--week 7000] [--workdir DIR] [--reuse-base]
                                          [--refresh-base] [--distinct-week] [--increment-only] [--no-rebuild]

The synthetic generator writes titles, abstracts and addresses from templates, so most of a synthetic week's
texts and addresses were seen before and cost nothing. `--distinct-week` appends a serial to every title,
abstract and applicant address of the week (real weeks look like this), so each of its records is a new text to
predict and place and a new address to attribute: the worst case for the night.
"""

from __future__ import annotations

import argparse
import csv
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
ENRICHMENT = ("stage", "ingest", "finalize", "applicants_and_zones", "industries", "topics_and_landscape")


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


def phases(report: dict) -> dict[str, object]:
    """Seconds per phase; 'skipped' for steps whose inputs had not changed."""
    skipped = {s["step"] for s in report.get("steps", []) if s.get("skipped")}
    return {name: ("skipped" if name in skipped else value)
            for name, value in report.get("phase_seconds", {}).items()}


def say(line: str) -> None:
    print(line, flush=True)


def build_base(args: argparse.Namespace, work: Path, env: dict[str, str]) -> float:
    base = work / "inbox" / "cn_incopat_synthetic_base.csv"
    week = work / "staged" / "cn_incopat_synthetic_week.csv"
    shutil.rmtree(work, ignore_errors=True)
    (work / "inbox").mkdir(parents=True)
    week.parent.mkdir()
    gen_s, _, gen_gb = run_phase(
        "generate", ["synth", "--records", str(args.records), "--seed", "1", "--output", str(base)], env
    )
    run_phase("generate week", ["synth", "--records", str(args.week), "--seed", "2", "--number-offset",
                                str(args.records), "--output", str(week)], env)
    say(f"generated {args.records:,} + {args.week:,} records in {gen_s:.1f}s (peak {gen_gb:.2f} GB)")
    initial_s, initial, initial_gb = run_phase("initial build", ["run"], env)
    say(f"initial build  : {initial_s:8.1f}s  peak {initial_gb:.2f} GB  {phases(initial)}")
    save_base(work)
    return initial_s


def save_base(work: Path) -> None:
    """Snapshot the warehouse, its models, its artifacts and the published site (what the next night carries
    pages over from) as WORKDIR/base/; files are hard-linked where the pipeline never rewrites them in place."""
    snapshot = work / "base"
    shutil.rmtree(snapshot, ignore_errors=True)
    snapshot.mkdir()
    shutil.copy2(work / "warehouse.duckdb", snapshot / "warehouse.duckdb")
    shutil.copytree(work / "models", snapshot / "models")
    # the raw layer: the warehouse's raw views read these Parquet artifacts (immutable, so linked)
    shutil.copytree(work / "warehouse.artifacts", snapshot / "warehouse.artifacts", copy_function=os.link)
    if (work / "output" / "site").is_dir():  # a render writes a new folder and swaps it in: links are safe
        shutil.copytree(work / "output" / "site", snapshot / "site", copy_function=os.link)


def restore_base(work: Path) -> None:
    snapshot = work / "base"
    if not (snapshot / "warehouse.duckdb").exists():
        raise SystemExit(f"no base snapshot in {snapshot}; run once without --reuse-base")
    for leftover in ("warehouse.duckdb", "warehouse.duckdb.wal"):
        (work / leftover).unlink(missing_ok=True)
    shutil.copy2(snapshot / "warehouse.duckdb", work / "warehouse.duckdb")
    shutil.rmtree(work / "models", ignore_errors=True)
    shutil.copytree(snapshot / "models", work / "models")
    shutil.rmtree(work / "warehouse.artifacts", ignore_errors=True)
    shutil.copytree(snapshot / "warehouse.artifacts", work / "warehouse.artifacts", copy_function=os.link)
    if (snapshot / "site").is_dir():
        shutil.rmtree(work / "output" / "site", ignore_errors=True)
        shutil.copytree(snapshot / "site", work / "output" / "site", copy_function=os.link)
    staged = work / "inbox" / "cn_incopat_synthetic_week.csv"
    if staged.exists():
        shutil.move(str(staged), work / "staged" / staged.name)


def make_week_distinct(path: Path) -> None:
    """Append a serial to each record's title, abstract and address (see the module docstring)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for serial, row in enumerate(rows, start=1):
        row["专利名称"] = f"{row['专利名称']}（第{serial}型）"
        row["申请摘要"] = f"{row['申请摘要']}本实施方式编号{serial}。"
        row["申请人地址"] = f"{row['申请人地址']}{serial}室"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--week", type=int, default=7_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--reuse-base", action="store_true", help="start from WORKDIR/base (built earlier)")
    parser.add_argument("--distinct-week", action="store_true", help="make every week record a new text/address")
    parser.add_argument("--increment-only", action="store_true", help="stop after the increment")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the full rebuild (the quiet night still runs)")
    parser.add_argument("--refresh-base", action="store_true",
                        help="with --reuse-base: first run a night with no new file under the current code (caches "
                             "keyed by code version fill, the site renders) and keep that as the base")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="patentnav-incremental-"))
    env = dict(os.environ)
    env.update(
        PATENTNAV_WAREHOUSE=str(work / "warehouse.duckdb"),
        PATENTNAV_INBOX=str(work / "inbox"),
        PATENTNAV_OUTPUT=str(work / "output"),
    )
    if args.reuse_base:
        restore_base(work)
        say(f"restored the base warehouse from {work / 'base'}")
        if args.refresh_base:
            refresh_s, refresh, refresh_gb = run_phase("refresh", ["run"], env)
            say(f"base refreshed : {refresh_s:8.1f}s  peak {refresh_gb:.2f} GB  {phases(refresh)} (a night with no "
                "new file under the current code: steps whose code changed rerun, caches fill, the site renders)")
            save_base(work)
    else:
        build_base(args, work, env)

    week = work / "staged" / "cn_incopat_synthetic_week.csv"
    original = work / "staged" / "week_as_generated.csv"
    if not original.exists():
        shutil.copy2(week, original)
    shutil.copy2(original, week)
    if args.distinct_week:
        make_week_distinct(week)
    shutil.move(str(week), work / "inbox" / week.name)
    increment_s, increment, increment_gb = run_phase("increment", ["run"], env)
    increment_phases = phases(increment)
    enrichment_s = sum(v for k, v in increment.get("phase_seconds", {}).items() if k in ENRICHMENT)
    say(f"increment      : {increment_s:8.1f}s  peak {increment_gb:.2f} GB  {increment_phases} (target <= 180 s)")
    say(f"  ingest + enrichment part: {enrichment_s:.1f}s (target <= 60 s at 1M + 7k)")
    say(f"  step summaries: {json.dumps([s for s in increment.get('steps', [])], ensure_ascii=False)[:3000]}")
    render = increment.get("render", {})
    say(f"  render: {render.get('pages_written')} pages written, {render.get('pages_carried')} carried over of "
        f"{render.get('pages')}; building pages {render.get('build_seconds')} s, "
        f"writing {render.get('write_seconds')} s")
    say(f"  slowest sections to build (s, all pages): {render.get('slowest_sections')}")
    if args.increment_only:
        return
    if args.no_rebuild:
        quiet_s, quiet, _quiet_gb = run_phase("quiet night", ["run"], env)
        say(f"quiet night    : {quiet_s:8.1f}s  {phases(quiet)} (target <= 5 s)")
        return
    rebuild_s, rebuild, rebuild_gb = run_phase("full rebuild", ["rebuild", "--mode", "full"], env)
    say(f"full rebuild   : {rebuild_s:8.1f}s  peak {rebuild_gb:.2f} GB  steps "
        f"{ {s['step']: s.get('seconds') for s in rebuild.get('steps', [])} }")
    quiet_s, quiet, _quiet_gb = run_phase("quiet night", ["run"], env)
    say(f"quiet night    : {quiet_s:8.1f}s  {phases(quiet)} (target <= 5 s)")
    rebuild_enrichment = sum(s.get("seconds") or 0 for s in rebuild.get("steps", [])
                             if s.get("step") in ENRICHMENT)
    say(f"ratio increment / full rebuild  = {increment_s / rebuild_s:.2f}")
    if rebuild_enrichment:
        say(f"ratio increment enrichment / full-rebuild enrichment = {enrichment_s / rebuild_enrichment:.2f}")
    say(f"ratio quiet night / full rebuild = {quiet_s / rebuild_s:.3f}")
    say(f"workdir: {work}")


if __name__ == "__main__":
    main()
