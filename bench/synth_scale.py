"""Synthetic CN corpus at scale: time, rows/s and peak RSS of `write_incopat_csv` for 1,000,000 records.

Baseline measured in the same run: a plain csv.writer writing the same number of constant 61-column rows to
a file of the same kind (the floor set by CSV formatting and disk I/O). The generator's time is printed as a
ratio against it. Each phase runs in its own child process, which reports its own peak RSS (ru_maxrss), so
the parent's memory and the other phase never mix in. Usage:

    .venv/bin/python bench/synth_scale.py [--records 1000000] [--seed 42] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import csv, json, resource, sys, time
from pathlib import Path
from pipeline.synth import INCOPAT_COLUMNS, write_incopat_csv

mode, path, records, seed = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
started = time.perf_counter()
if mode == "synth":
    written = write_incopat_csv(path, records, seed)
else:
    row = ["重庆渝芯微电子科技有限公司"] * len(INCOPAT_COLUMNS)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCOPAT_COLUMNS)
        for _ in range(records):
            writer.writerow(row)
    written = records
seconds = time.perf_counter() - started
print(json.dumps({"rows": written, "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes": path.stat().st_size}))
"""


def run_child(mode: str, path: Path, records: int, seed: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path), str(records), str(seed)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{completed.stderr[-3000:]}")
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        started = time.perf_counter()
        baseline = run_child("baseline", Path(tmp) / "baseline.csv", args.records, args.seed)
        (Path(tmp) / "baseline.csv").unlink()
        synth = run_child("synth", Path(tmp) / "bench_synthetic.csv", args.records, args.seed)
        total = time.perf_counter() - started
    print(f"records                 {args.records:,} (seed {args.seed})")
    print(
        f"baseline csv.writer     {baseline['seconds']:.1f} s  {baseline['rows'] / baseline['seconds']:,.0f} rows/s  "
        f"peak RSS {baseline['peak_rss_mb']:.0f} MB"
    )
    print(
        f"synthetic generator     {synth['seconds']:.1f} s  {synth['rows'] / synth['seconds']:,.0f} rows/s  "
        f"peak RSS {synth['peak_rss_mb']:.0f} MB  file {synth['bytes'] / 1e6:,.0f} MB"
    )
    print(f"ratio generator/baseline {synth['seconds'] / baseline['seconds']:.1f}x   (wall total {total:.0f} s)")


if __name__ == "__main__":
    main()
