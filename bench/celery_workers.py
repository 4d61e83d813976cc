"""Celery workers bench (issue 17, item 5): the same inbox through the nightly DAG on the CeleryExecutor with 1
and with 2 workers (a fresh warehouse and a fresh stack each time).

Prints, per worker count, the wall time of the per-file phase (first start to last end of the per-file tasks),
the summed seconds of the writer tasks (what the one-slot DuckDB writer pool serialises), the whole run (trigger
to end) and the per-file throughput; then the throughput ratio of the last count over the first.

    .venv/bin/python bench/celery_workers.py [--inbox DIR] [--workers 1,2]

Needs PostgreSQL and Redis from Debian (`bash tasks.sh celery` installs them). Default inbox: data/sample/.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from pipeline.airflow_celery import CeleryStack
    from pipeline.settings import Settings, load_settings
    from pipeline.steps import PIPELINE

    parser = argparse.ArgumentParser()
    parser.add_argument("--inbox", type=Path, default=None, help="folder of dump files (default: data/sample/)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()

    defaults = load_settings({})
    source = args.inbox or defaults.sample_dir
    per_file = {step.name for step in PIPELINE if step.kind == "per_file"}
    writers = {step.name for step in PIPELINE if step.writer}
    rows = []
    for workers in (int(n) for n in args.workers.split(",")):
        root = Path(tempfile.mkdtemp(prefix=f"patentnav-bench-celery{workers}-"))
        try:
            settings = Settings(warehouse=root / "warehouse.duckdb", inbox=root / "inbox", output=root / "output",
                                data_dir=defaults.data_dir, airflow_home=root / "airflow")
            shutil.copytree(source, settings.inbox,
                            ignore=shutil.ignore_patterns("PROVENANCE*", "README*"))
            with CeleryStack(settings, workers) as stack:
                result = stack.run_dag(timeout=args.timeout)
            if result.state != "success":
                raise SystemExit(f"{workers} worker(s): run {result.state}: {result.not_successful()}")
            files = sum(1 for t in result.tasks if t.task_id in per_file)
            phase = result.span_seconds(per_file)
            rows.append({
                "workers": workers,
                "files": files,
                "per_file_seconds": round(phase, 1),
                "per_file_task_seconds": round(sum(t.seconds for t in result.tasks if t.task_id in per_file), 1),
                "writer_task_seconds": round(sum(t.seconds for t in result.tasks if t.task_id in writers), 1),
                "run_seconds": round(result.wall_seconds, 1),
                "files_per_minute": round(60 * files / phase, 1) if phase else None,
                "hosts": len(result.hosts()),
                # per step, summed over its task instances: after the stage/merge split this is where the
                # merge's share of the per-file work shows
                "task_seconds": {task_id: round(sum(t.seconds for t in result.tasks if t.task_id == task_id), 1)
                                 for task_id in sorted({t.task_id for t in result.tasks})},
            })
            print(json.dumps(rows[-1]), flush=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    first, last = rows[0], rows[-1]
    print(f"{'workers':>7} {'files':>5} {'per-file s':>10} {'run s':>7} {'files/min':>9}")
    for row in rows:
        print(f"{row['workers']:>7} {row['files']:>5} {row['per_file_seconds']:>10} {row['run_seconds']:>7} "
              f"{row['files_per_minute']!s:>9}")
    if first["per_file_seconds"] and last["per_file_seconds"]:
        print(f"per-file throughput ratio {last['workers']} vs {first['workers']} workers: "
              f"{first['per_file_seconds'] / last['per_file_seconds']:.2f}x; whole run: "
              f"{first['run_seconds'] / last['run_seconds']:.2f}x")


if __name__ == "__main__":
    main()
