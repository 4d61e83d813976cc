"""A disk that fills up mid-file, and a warehouse file that is damaged: one line each, naming what to do, and
nothing half-written (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "bad" / "lens_v2025_6rows.csv"
LARGE = ROOT / "data" / "sample" / "uspto" / "ipg130416.small.xml"  # 2 MB: cannot fit in what is left


def cli(warehouse: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATENTNAV_WAREHOUSE": str(warehouse), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import main; main()", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if line.strip()]


def snapshot(warehouse: Path) -> tuple[object, ...]:
    with open_warehouse(warehouse, read_only=True) as con:
        return tuple(
            con.execute(sql).fetchall()
            for sql in (
                "select patent_id, title from raw.patent order by all",
                "select patent_id, title from core.patent order by all",
                "select file_name, status, framed_count from core.ingest_file order by all",
                "select count(*) from core.quarantine",
            )
        )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", f"tmpfs-{uuid.uuid4().hex[:8]}", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_disk_that_fills_up_mid_file_leaves_the_warehouse_as_it_was_and_says_so(small_disk):
    warehouse = small_disk / "warehouse.duckdb"
    with open_warehouse(warehouse) as con:
        assert ingest_paths(con, [SMALL]).files[0].status == "loaded"
    before = snapshot(warehouse)
    stat = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 300_000))  # leave ~300 KB

    result = cli(warehouse, "ingest", str(LARGE))

    assert result.returncode == 1
    [line] = error_lines(result)
    assert "disk holding the warehouse is full" in line and "as it was before" in line and LARGE.name in line
    filler.unlink()
    assert snapshot(warehouse) == before
    assert cli(warehouse, "ingest", str(LARGE)).returncode == 0  # with space again, the same file loads


def damage_truncate(data: bytes) -> bytes:
    return data[:20480]  # the headers survive, the catalogue and data blocks do not


def damage_head(data: bytes) -> bytes:
    return b"\0" * 4096 + data[4096:]


def damage_blocks(data: bytes) -> bytes:
    return data[:12288] + bytes(b ^ 0x5A for b in data[12288:20480]) + data[20480:]


@pytest.fixture(scope="module")
def good_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "warehouse.duckdb"
    with open_warehouse(path) as con:
        ingest_paths(con, [SMALL])
    return path


@pytest.mark.parametrize("damage", [damage_truncate, damage_head, damage_blocks])
@pytest.mark.parametrize("command", [["status"], ["query", "select count(*) from core.patent"], ["ingest", str(SMALL)]])
def test_a_damaged_warehouse_is_one_line_naming_the_recovery(tmp_path, good_warehouse, damage, command):
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(damage(good_warehouse.read_bytes()))
    with pytest.raises(duckdb.Error), duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("select count(*) from core.patent, core.ingest_file, core.quarantine").fetchall()  # really broken

    result = cli(warehouse, *command)

    assert result.returncode == 1
    [line] = error_lines(result)
    assert "warehouse file is damaged" in line
    assert "rebuild from the inbox with `patentnav run`" in line and "import database" in line
