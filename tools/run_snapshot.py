"""Fingerprint a full run on the bundled samples: every table's checksum and every site file's hash.

    python tools/run_snapshot.py OUT_DIR            run `patentnav run --sample` into OUT_DIR, write snapshot.json
    python tools/run_snapshot.py --compare A B      list what differs between two snapshots

Used to show that a refactor changes no table and no page. Timing columns (timestamps, seconds, the step
summaries) and the page's "generated at" minute are left out, since they differ between any two runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from pipeline.warehouse.fingerprint import table_checksums as warehouse_checksums

REPO = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".html", ".csv", ".gexf", ".graphml", ".json", ".txt"}


def table_checksums(warehouse: Path) -> dict[str, list[object]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: list(value) for name, value in warehouse_checksums(con).items()}


def file_hashes(site: Path) -> dict[str, str]:
    hashes = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = re.sub(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", b"<time>", path.read_bytes())
            hashes[str(path.relative_to(site))] = hashlib.sha256(text).hexdigest()[:12]
    return hashes


def snapshot(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATENTNAV_WAREHOUSE": str(out / "w.duckdb"), "PATENTNAV_INBOX": str(out / "inbox"),
           "PATENTNAV_OUTPUT": str(out / "output")}
    with open(out / "run.log", "w") as log:
        subprocess.run([str(REPO / ".venv/bin/patentnav"), "run", "--sample"], env=env, check=True, cwd=REPO,
                       stdout=log, stderr=subprocess.STDOUT)
    data = {"tables": table_checksums(out / "w.duckdb"), "files": file_hashes(out / "output" / "site")}
    (out / "snapshot.json").write_text(json.dumps(data, indent=1, sort_keys=True))
    print(f"{len(data['tables'])} tables, {len(data['files'])} files -> {out / 'snapshot.json'}")


def compare(a: Path, b: Path) -> None:
    before, after = (json.loads((p / "snapshot.json").read_text()) for p in (a, b))
    for kind in ("tables", "files"):
        only_before = sorted(set(before[kind]) - set(after[kind]))
        only_after = sorted(set(after[kind]) - set(before[kind]))
        differ = sorted(k for k in set(before[kind]) & set(after[kind]) if before[kind][k] != after[kind][k])
        print(f"{kind}: {len(before[kind])} vs {len(after[kind])}; only in A {only_before}; only in B "
              f"{only_after}; differ {differ}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        compare(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        snapshot(Path(sys.argv[1]))
