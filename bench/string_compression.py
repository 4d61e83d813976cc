"""Benchmark: the storage choices of the ingest, on a warehouse PatentNav built.

For each string column that sql/schema stores in zstd (core.citation's references, core.patent_party's key and
names) it copies the column into a scratch database twice, with DuckDB's default string compression and with
zstd, and prints the time to persist it, the space it takes and the time of a distinct count over it. Then it
writes core.citation to Parquet at zstd level 3 (DuckDB's default) and level 1 (PARQUET_OPTIONS), both ways
timed, with the file sizes. Each measurement is taken twice, alternating, and the faster kept.

    .venv/bin/python bench/ingest_patentsview.py --phase ours --dir DIR/patentsview-1000000-10000000 --db W.duckdb
    .venv/bin/python bench/string_compression.py W.duckdb
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

COLUMNS = {
    "core.citation": ("cited_ref_raw", "cited_patent_ref", "cited_number_key", "cited_patent_id"),
    "core.patent_party": ("party_id", "name_raw", "name_norm"),
}


def persist(source: Path, scratch: Path, table: str, column: str, using: str) -> tuple[float, int, float]:
    """(seconds to insert and checkpoint, bytes of the database file, seconds of a distinct count)."""
    target = scratch / f"{column}-{using or 'default'}.duckdb"
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    con.execute(f"attach '{source}' as w (read_only)")
    clause = f" using compression {using}" if using else ""
    con.execute(f"create table c (x varchar{clause})")
    started = time.perf_counter()
    con.execute(f"insert into c select {column} from w.{table}")
    con.execute("checkpoint")
    written = time.perf_counter() - started
    started = time.perf_counter()
    con.execute("select count(distinct x) from c").fetchall()
    read = time.perf_counter() - started
    con.close()
    size = target.stat().st_size
    target.unlink()
    return written, size, read


def parquet(source: Path, scratch: Path, level: int) -> tuple[float, int]:
    target = scratch / f"citation-{level}.parquet"
    con = duckdb.connect()
    con.execute(f"attach '{source}' as w (read_only)")
    con.execute("create table c as select * from w.core.citation")
    started = time.perf_counter()
    con.execute(f"copy c to '{target}' (format parquet, compression zstd, compression_level {level})")
    seconds = time.perf_counter() - started
    con.close()
    size = target.stat().st_size
    target.unlink()
    return seconds, size


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    source = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory(prefix="bench-strings-", dir=source.parent) as tmp:
        scratch = Path(tmp)
        print(f"{'column':<30}{'default: s':>11}{'MB':>6}{'read s':>8}{'zstd: s':>9}{'MB':>6}{'read s':>8}")
        totals = [0.0, 0.0]
        for table, columns in COLUMNS.items():
            for column in columns:
                best: dict[str, tuple[float, int, float]] = {}
                for _ in range(2):
                    for using in ("", "zstd"):
                        got = persist(source, scratch, table, column, using)
                        best[using] = min(best.get(using, got), got)
                (d_s, d_b, d_r), (z_s, z_b, z_r) = best[""], best["zstd"]
                totals[0] += d_s
                totals[1] += z_s
                print(f"{table.split('.')[1] + '.' + column:<30}{d_s:>11.2f}{d_b / 2**20:>6.0f}{d_r:>8.2f}"
                      f"{z_s:>9.2f}{z_b / 2**20:>6.0f}{z_r:>8.2f}")
        print(f"{'all these columns':<30}{totals[0]:>11.2f}{'':>14}{totals[1]:>9.2f}")
        levels = {level: min(parquet(source, scratch, level) for _ in range(2)) for level in (3, 1)}
        for level, (seconds, size) in levels.items():
            print(f"core.citation to Parquet, zstd level {level}: {seconds:.2f} s, {size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
