"""Chinese samples end to end: the real incoPat-style CSV and CNKI xlsx, and the synthetic corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from pipeline.settings import load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

pytestmark = pytest.mark.integration

SAMPLE = load_settings({}).sample_dir


def csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def xlsx_rows(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return sum(1 for row in workbook.worksheets[0].iter_rows(values_only=True) if any(row)) - 1
    finally:
        workbook.close()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("cn") / "w.duckdb"
    with open_warehouse(path) as con:
        report = ingest_paths(con, [SAMPLE / "cn", SAMPLE / "synthetic"])
    return path, report


def test_counts_match_the_files(warehouse):
    _, report = warehouse
    by_name = {Path(f.path).name: f for f in report.files}
    for name, expected in (
        ("incopat_style_export_henan.csv", csv_rows(SAMPLE / "cn" / "incopat_style_export_henan.csv")),
        ("cnki_material_chemistry_2018_2019.xlsx", xlsx_rows(SAMPLE / "cn" / "cnki_material_chemistry_2018_2019.xlsx")),
        ("cn_incopat_synthetic_seed42.csv", csv_rows(SAMPLE / "synthetic" / "cn_incopat_synthetic_seed42.csv")),
        (
            "patentics_cnapp_virtual_reality_slice.csv",
            csv_rows(SAMPLE / "cn" / "patentics_cnapp_virtual_reality_slice.csv"),
        ),
        (
            "incopat_ford_autonomous_driving_slice.xlsx",
            xlsx_rows(SAMPLE / "cn" / "incopat_ford_autonomous_driving_slice.xlsx"),
        ),
        ("derwent_innovation_export_zh_ui.xls", 68),
    ):
        result = by_name[name]
        assert result.status == "loaded"
        assert result.patents_loaded + result.quarantined == expected, name


def test_only_the_synthetic_file_is_flagged_and_its_citations_resolve(warehouse):
    path, report = warehouse
    real_loaded = sum(f.patents_loaded for f in report.files if "synthetic" not in Path(f.path).name)
    with open_warehouse(path, read_only=True) as con:
        flags = dict(con.execute("select is_synthetic, count(*) from core.patent group by 1").fetchall())
        # 40 from the incoPat-style CSV and the CNKI xlsx, the rest from the real vendor slices (PROVENANCE.md)
        assert flags[False] == real_loaded == 40 + 68 + 150 + 206 + 150 + 150 + 292 and flags[True] == 3000
        resolved = con.execute(
            "select count(*), count(cited_patent_id) from core.citation c "
            "join core.patent p on p.patent_id = c.citing_patent_id where p.is_synthetic"
        ).fetchone()
        assert resolved[0] > 3000 and resolved[1] == resolved[0]
        real = con.execute(
            "select title, application_date::varchar, doc_type from core.patent where patent_id = 'CN218751475U'"
        ).fetchone()
        assert real == ("一种无人机机载多功能盒", "2022-12-02", "utility_model")
        cnki = con.execute("select count(*) from core.patent where patent_id = 'CN108982325A'").fetchone()
        assert cnki == (1,)


def test_reingest_is_a_no_op(warehouse):
    path, _ = warehouse
    with open_warehouse(path) as con:
        before = con.execute("select * from core.patent order by all").fetchall()
        report = ingest_paths(con, [SAMPLE / "cn", SAMPLE / "synthetic"])
        assert {f.status for f in report.files} == {"unchanged"}
        assert con.execute("select * from core.patent order by all").fetchall() == before
