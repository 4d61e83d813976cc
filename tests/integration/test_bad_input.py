"""Bad input end to end: every case names the file and record, sets the bad record aside with its reason,
loads the good records of the same file, and never evaluates anything.

Cases covered elsewhere (see the closing note's table): malformed/truncated/hostile XML in
tests/unit/test_uspto_xml.py; GBK damage, ragged rows and bad dates in CN exports in tests/unit/test_cn_export.py;
ragged Lens and PatentsView rows in tests/unit/test_lens.py and test_patentsview.py; '../' members and zip bombs
in tests/unit/test_safe_zip.py; duplicates within and across files in tests/unit/test_ingest_manifest.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import duckdb
import pytest

from pipeline.synth import INCOPAT_COLUMNS
from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import ensure_schema

pytestmark = pytest.mark.integration

LENS_2021 = Path(__file__).resolve().parents[2] / "data" / "sample" / "lens" / "lens_export_v2021_jet_engine.csv"


@pytest.fixture
def con():
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    yield connection
    connection.close()


def lens_slice(rows: int) -> list[str]:
    with open(LENS_2021, encoding="utf-8", newline="") as handle:
        return [next(handle) for _ in range(rows + 1)]


def test_empty_file_is_a_clear_file_level_error(con, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    report = ingest_paths(con, [tmp_path / "empty.csv"])
    assert (report.files[0].status, report.files[0].message) == ("failed", "file is empty")


def test_binary_garbage_named_tsv_is_not_recognised(con, tmp_path):
    (tmp_path / "g_patent.tsv").write_bytes(bytes(range(256)) * 64)
    report = ingest_paths(con, [tmp_path / "g_patent.tsv"])
    assert report.files[0].status == "failed"
    assert "format not recognised" in (report.files[0].message or "")
    assert con.execute("select count(*) from raw.patent").fetchone() == (0,)


def test_mismatched_header_is_refused_not_guessed(con, tmp_path):
    lines = lens_slice(3)
    lines[0] = lines[0].replace("Lens ID", "Lens Identifier").replace("Jurisdiction", "Office")
    (tmp_path / "renamed.csv").write_text("".join(lines), encoding="utf-8")
    report = ingest_paths(con, [tmp_path / "renamed.csv"])
    assert report.files[0].status == "failed"


def test_a_ten_megabyte_field_is_bounded_and_the_rest_loads(con, tmp_path):
    lines = lens_slice(4)
    header = lines[0].rstrip("\n").split(",")
    title_at = header.index("Title")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("".join(lines))))
    rows[2][title_at] = "x" * (10 * 1024 * 1024)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (tmp_path / "huge.csv").write_text(buffer.getvalue(), encoding="utf-8")
    tracemalloc.start()
    report = ingest_paths(con, [tmp_path / "huge.csv"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.files[0].status == "loaded"
    assert report.files[0].patents_loaded + report.files[0].quarantined == 4
    assert report.files[0].patents_loaded >= 3
    assert peak < 200 * 1024 * 1024  # a few copies of the field at most, never the whole file many times over
    excerpts = con.execute("select max(length(raw_excerpt)) from core.quarantine").fetchone()
    assert excerpts is not None and (excerpts[0] or 0) <= 501


@pytest.mark.parametrize("bad_date", ["20231345", "10660101", "29990101"])
def test_impossible_dates_are_repaired_with_a_reason(con, tmp_path, bad_date):
    row = dict.fromkeys(INCOPAT_COLUMNS, "")
    row.update(
        {
            "公开号": "CN111111111A",
            "申请日": bad_date,
            "公开日": "20200601",
            "专利类型": "发明申请",
            "专利名称": "一种装置",
            "申请人": "某公司",
        }
    )
    good = dict(row, 公开号="CN222222222A", 申请日="20200102")
    text = "\n".join(
        ",".join(r[c] for c in INCOPAT_COLUMNS)
        for r in (dict(zip(INCOPAT_COLUMNS, INCOPAT_COLUMNS, strict=True)), row, good)
    )
    (tmp_path / "dates.csv").write_text(text + "\n", encoding="utf-8")
    report = ingest_paths(con, [tmp_path / "dates.csv"])
    assert report.files[0].patents_loaded == 2
    reason = con.execute("select record_locator, reason, action from core.quarantine").fetchall()
    assert reason == [("row 1 (line 2)", f"unparseable 申请日 '{bad_date}'; field left empty", "repaired")]
    assert con.execute("select application_date from core.patent where patent_id = 'CN111111111A'").fetchone() == (
        None,
    )


def test_cli_names_the_unreadable_file_in_one_line_and_exits_non_zero(tmp_path):
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "lens.csv").write_text("".join(lens_slice(3)), encoding="utf-8")
    (tmp_path / "good" / "broken.tsv").write_bytes(b"\x00\x01garbage")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("patentnav")), "ingest", str(tmp_path / "good")],
        env={**os.environ, "PATENTNAV_WAREHOUSE": str(tmp_path / "w.duckdb")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if "broken.tsv" in line]
    assert error_lines and "format not recognised" in result.stderr
    assert "loaded" in result.stderr and "lens.csv" in result.stderr
