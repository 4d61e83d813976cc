"""Real samples end to end: data/sample/patentsview (g_* bundle) and data/sample/lens (2021 + 2025 exports).

Expected counts are taken independently from the files with the csv module, less what the warehouse says it
quarantined (as 'rejected') for that member, so a silently dropped or invented row fails the test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import PROJECT_ROOT
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

SAMPLE = PROJECT_ROOT / "data" / "sample"
PV = SAMPLE / "patentsview"
LENS = SAMPLE / "lens"
LENS_2021 = LENS / "lens_export_v2021_jet_engine.csv"
TABLES = ("raw.patent", "raw.patent_party", "raw.classification", "raw.citation", "core.patent",
          "core.patent_party", "core.classification", "core.citation", "core.party", "core.quarantine")


def data_rows(path: Path, delimiter: str) -> list[list[str]]:
    csv.field_size_limit(1 << 26)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    return [row for row in rows[1:] if any(cell.strip() for cell in row)]


def rejected(con: duckdb.DuckDBPyConnection, file_id: str, member_prefix: str = "") -> int:
    return con.execute(
        "select count(*) from core.quarantine where file_id = $f and action = 'rejected' and record_locator like $p",
        {"f": file_id, "p": member_prefix + "%"},
    ).fetchall()[0][0]


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    with open_warehouse(path) as con:
        report = ingest_paths(con, [PV, LENS])
        yield con, report


def file_id_of(report, path: Path) -> str:  # type: ignore[no-untyped-def]
    (result,) = [f for f in report.files if Path(f.path) == path.resolve()]
    assert result.status == "loaded", result.message
    return result.file_id


def test_patentsview_counts_match_the_files(warehouse) -> None:  # type: ignore[no-untyped-def]
    con, report = warehouse
    fid = file_id_of(report, PV)
    patents = data_rows(PV / "g_patent.tsv", "\t")
    loaded = con.execute("select count(*) from core.patent where file_id = $f", {"f": fid}).fetchall()[0][0]
    assert loaded == len(patents) - rejected(con, fid, "g_patent.tsv") > 3000
    for member, role in (("g_assignee_disambiguated.tsv", "assignee"), ("g_inventor_disambiguated.tsv", "inventor")):
        expected = len(data_rows(PV / member, "\t")) - rejected(con, fid, member)
        got = con.execute("select count(*) from core.patent_party where file_id = $f and role = $r",
                          {"f": fid, "r": role}).fetchall()[0][0]
        assert got == expected > 9000
    cpc_expected = len(data_rows(PV / "g_cpc_current.tsv", "\t")) - rejected(con, fid, "g_cpc_current.tsv")
    cpc_raw = con.execute("select count(*) from raw.classification where file_id = $f", {"f": fid}).fetchall()[0][0]
    assert cpc_raw == cpc_expected > 6000
    # the sample's Y-section CPC rows are the only rejected CPC rows, each with a reason
    reasons = con.execute("select distinct reason from core.quarantine where record_locator like 'g_cpc%'").fetchall()
    assert all("'Y" in r[0] for r in reasons)
    # every party has a place from g_location_disambiguated where one was given
    assert con.execute("select count(*) from core.patent_party where file_id = $f and country is not null",
                       {"f": fid}).fetchall()[0][0] > 5000


def test_lens_counts_match_the_files(warehouse) -> None:  # type: ignore[no-untyped-def]
    con, report = warehouse
    for path in sorted(LENS.glob("*.csv")):
        fid = file_id_of(report, path)
        rows = data_rows(path, ",")
        got = con.execute("select count(*) from raw.patent where file_id = $f", {"f": fid}).fetchall()[0][0]
        assert got == len(rows) - rejected(con, fid)
        assert got > 0.9 * len(rows)


def test_lens_2021_chongqing_applicants_are_visible(warehouse) -> None:  # type: ignore[no-untyped-def]
    con, report = warehouse
    fid = file_id_of(report, LENS_2021)
    with open(LENS_2021, encoding="utf-8-sig", newline="") as handle:
        in_file = sum(
            1 for row in csv.DictReader(handle)
            for name in row["Applicants"].split(";;") if "CHONGQING" in name.upper()
        )
    in_warehouse = con.execute(
        "select count(*) from core.patent_party where file_id = $f and role = 'applicant' "
        "and name_norm like '%CHONGQING%'", {"f": fid},
    ).fetchall()[0][0]
    assert in_warehouse == in_file >= 14
    assert con.execute("select count(*) from core.patent_party where file_id = $f and country is not null",
                       {"f": fid}).fetchall() == [(0,)]


def test_reingest_is_a_no_op(warehouse) -> None:  # type: ignore[no-untyped-def]
    con, _ = warehouse
    before = snapshot(con)
    again = ingest_paths(con, [PV, LENS])
    assert {f.status for f in again.files} == {"unchanged"}
    assert snapshot(con) == before
