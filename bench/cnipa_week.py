"""A CNIPA week through ingest and 片区 attribution, against a bare read of the same files.

Every weekly CSV in WEEKLY_DIR (default data/sample/cnipa; the issue's figure uses the 13 shared weeks,
`--weekly-dir ../shared/data/cnipa_bibliographic/weekly`) is dropped into a fresh inbox as one night. Three phases,
each in its own child process with its peak RSS:

  baseline   DuckDB read_csv of the same files (all columns as text, rows counted): the floor for reading them
  ingest     stage + merge + finalize (framing, adapter, Parquet artifact, core tables, data checks)
  attribute  the applicants_and_zones step (entities, every distinct address read as filed, 片区 tables)

Prints rows, seconds, peak RSS and ratios against the baseline measured in the same run, then the Chongqing
share and the rules that located the records. Usage:

    .venv/bin/python bench/cnipa_week.py [--weekly-dir DIR] [--workdir DIR]
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

ROOT = Path(__file__).resolve().parents[1]


def child(phase: str, work: Path, weekly: list[Path]) -> dict[str, object]:
    os.environ["PATENTNAV_WAREHOUSE"] = str(work / "warehouse.duckdb")
    os.environ["PATENTNAV_INBOX"] = str(work / "inbox")
    os.environ["PATENTNAV_OUTPUT"] = str(work / "output")
    from pipeline.settings import load_settings

    settings = load_settings()
    started = time.perf_counter()
    result: dict[str, object] = {}
    if phase == "baseline":
        import duckdb

        con = duckdb.connect(":memory:")
        files = [str(p) for p in weekly]
        rows = con.execute("select count(*) from read_csv($files, all_varchar = true, header = true)",
                           {"files": files}).fetchone()
        result["rows"] = int(rows[0]) if rows else 0
    elif phase == "ingest":
        from pipeline.run import finalize_and_check, merge_staged, stage_files
        from pipeline.warehouse.connection import open_warehouse

        staged = stage_files([str(p) for p in sorted((work / "inbox").iterdir())], settings)
        merge_staged(settings)
        finalize_and_check(settings)
        result["files"] = len(staged)
        with open_warehouse(settings.warehouse) as con:
            loaded = con.execute("select count(*) from core.patent").fetchone()
            quarantined = con.execute("select count(*) from core.quarantine").fetchone()
        result["loaded"] = int(loaded[0]) if loaded else 0
        result["quarantined"] = int(quarantined[0]) if quarantined else 0
    else:
        from pipeline.run import run_step
        from pipeline.warehouse.connection import open_warehouse

        summary = run_step("applicants_and_zones", settings, force=True)
        result["addresses_attributed"] = summary.get("addresses_attributed")
        with open_warehouse(settings.warehouse) as con:
            result["rules"] = dict(con.execute(
                "select coalesce(l.rule, 'none'), count(*) from enrich.patent_location as l group by 1 order by 2 desc"
            ).fetchall())
            result["chongqing_patents"] = con.execute(
                "select count(*) from enrich.patent_zone where is_chongqing").fetchone()[0]
            result["zone_patents_at_threshold"] = con.execute(
                "select count(*) from enrich.patent_zone where is_headline").fetchone()[0]
            result["patents"] = con.execute("select count(*) from core.patent").fetchone()[0]
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def spawn(phase: str, work: Path, weekly_dir: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", phase, "--workdir", str(work), "--weekly-dir", str(weekly_dir)],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        print(completed.stdout[-2000:], completed.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{phase} failed")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weekly-dir", type=Path, default=ROOT / "data" / "sample" / "cnipa")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child")
    args = parser.parse_args()
    weekly = sorted(p for p in args.weekly_dir.glob("*.csv"))
    if args.child:
        print(json.dumps(child(args.child, args.workdir, weekly)))
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="patentnav-cnipa-week-"))
    shutil.rmtree(work / "inbox", ignore_errors=True)
    for leftover in ("warehouse.duckdb", "warehouse.duckdb.wal"):
        (work / leftover).unlink(missing_ok=True)
    shutil.rmtree(work / "warehouse.duckdb.artifacts", ignore_errors=True)
    (work / "inbox").mkdir(parents=True)
    for path in weekly:
        shutil.copy(path, work / "inbox" / path.name)
    size_mb = sum(p.stat().st_size for p in weekly) / 1e6
    print(f"{len(weekly)} weekly files, {size_mb:.1f} MB, from {args.weekly_dir}")
    baseline = spawn("baseline", work, args.weekly_dir)
    print(f"baseline read_csv: {baseline['rows']:,} rows in {baseline['seconds']} s, peak {baseline['peak_rss_mb']} MB")
    ingest = spawn("ingest", work, args.weekly_dir)
    print(f"ingest:    {ingest['loaded']:,} patents in core ({ingest['quarantined']} quarantined) in "
          f"{ingest['seconds']} s, peak {ingest['peak_rss_mb']} MB "
          f"({float(ingest['seconds']) / max(float(baseline['seconds']), 1e-3):.1f}x the bare read)")
    attribute = spawn("attribute", work, args.weekly_dir)
    total = float(ingest["seconds"]) + float(attribute["seconds"])
    print(f"attribute: {attribute['addresses_attributed']:,} distinct addresses in {attribute['seconds']} s, "
          f"peak {attribute['peak_rss_mb']} MB")
    print(f"night (ingest + attribution): {total:.1f} s = {total / max(float(baseline['seconds']), 1e-3):.1f}x "
          f"the bare read; {int(ingest['loaded']) / total:,.0f} records/s")
    print(f"patents {attribute['patents']:,}; in Chongqing {attribute['chongqing_patents']:,}; "
          f"in a 片区 at the headline threshold {attribute['zone_patents_at_threshold']:,}")
    print("rules:", json.dumps(attribute["rules"], ensure_ascii=False))


if __name__ == "__main__":
    main()
