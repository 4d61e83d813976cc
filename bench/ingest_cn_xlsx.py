"""Ingest of a 200,000-row incoPat XLSX export against a bare openpyxl read of the same file, in one run.

1. Build the export in a temp dir from the rows of tests/data/cn_vendor/incopat_ford_autonomous_driving.xlsx (the
   standard 15-column incoPat layout, real values), replicated with fresh publication numbers so that no record
   is a duplicate; written by xlsxwriter in constant_memory mode, dates as date cells like incoPat's.
2. Baseline (subprocess): openpyxl read_only, reset_dimensions, iterating every cell value.
3. Ours (subprocess): ingest_paths into a fresh DuckDB file (sniff, read, raw tables, core merge, commit).
Prints both wall times, the ratio ours / baseline and each subprocess's peak RSS (polled with psutil, and the
kernel's ru_maxrss). Usage: .venv/bin/python bench/ingest_cn_xlsx.py [--rows 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "cn_vendor" / "incopat_ford_autonomous_driving.xlsx"

BASELINE = """
import json, resource, sys, time, openpyxl
started = time.perf_counter()
workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
sheet = workbook.worksheets[0]
sheet.reset_dimensions()
cells = 0
for row in sheet.iter_rows(values_only=True):
    for value in row:
        cells += 1
workbook.close()
print(json.dumps({"seconds": time.perf_counter() - started, "cells": cells,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

OURS = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths
with open_warehouse(Path(sys.argv[2])) as con:
    report = ingest_paths(con, [Path(sys.argv[1])])
    loaded = con.execute("select count(*) from core.patent").fetchone()[0]
result = report.files[0]
print(json.dumps({"seconds": time.perf_counter() - started, "status": result.status, "patents": loaded,
                  "quarantined": result.quarantined,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build_export(target: Path, rows: int) -> float:
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    sheet = CalamineWorkbook.from_path(str(SOURCE)).get_sheet_by_index(0).to_python()
    header, records = sheet[0], sheet[1:]
    number_at = header.index("公开（公告）号")
    link_at = header.index("链接到incoPat")
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    worksheet = workbook.add_worksheet("下载的著录项1")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    worksheet.write_row(0, 0, header)
    for n in range(rows):
        values = list(records[n % len(records)])
        number = f"CN{900000000 + n}A"  # fresh numbers: replicated rows must not be duplicates
        values[0], values[number_at], values[link_at] = n + 1, number, f"到incoPat中查看\r\n{number}"
        for col, value in enumerate(values):
            if hasattr(value, "isoformat") and not isinstance(value, str):
                worksheet.write_datetime(n + 1, col, value, date_format)
            elif value not in (None, ""):
                worksheet.write(n + 1, col, value)
    workbook.close()
    return time.perf_counter() - started


def timed(code: str, *args: str) -> dict:
    """Run code in a fresh interpreter; poll its RSS with psutil while it runs."""
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    watched, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    out, _ = process.communicate()
    result = json.loads(out.strip().splitlines()[-1])
    result["psutil_peak_mb"] = peak / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="build the export here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        export = folder / f"incopat_bench_{args.rows}.xlsx"
        built = build_export(export, args.rows)
        print(f"built {export.name}: {args.rows} rows, {export.stat().st_size / 2**20:.1f} MiB in {built:.1f} s")
        baseline = timed(BASELINE, str(export))
        print(
            f"openpyxl read_only (all {baseline['cells']} cells): {baseline['seconds']:.1f} s, "
            f"peak RSS {baseline['maxrss_mb']:.0f} MiB (psutil {baseline['psutil_peak_mb']:.0f})"
        )
        warehouse = folder / "bench.duckdb"
        ours = timed(OURS, str(export), str(warehouse))
        print(
            f"patentnav ingest ({ours['status']}, {ours['patents']} patents, {ours['quarantined']} quarantined): "
            f"{ours['seconds']:.1f} s, peak RSS {ours['maxrss_mb']:.0f} MiB (psutil {ours['psutil_peak_mb']:.0f})"
        )
        print(f"ratio ours / openpyxl baseline: {ours['seconds'] / baseline['seconds']:.2f}x")


if __name__ == "__main__":
    main()
