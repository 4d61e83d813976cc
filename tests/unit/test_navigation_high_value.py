"""mart.high_value_patent / _indicator / _criterion on a hand-built fixture; expected values computed by hand."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import ENRICH_DDL

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.enrich.sei_labels import build_patent_sei
from pipeline.settings import Settings
from pipeline.warehouse.checks import assert_checks_pass

AS_OF = date(2025, 6, 30)
PROJECT_REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
SEI_FILES = ("sei_codes.csv", "sei_ipc_concordance_2021.csv", "sei_to_industry.csv")


def settings_for(tmp_path: Path) -> Settings:
    reference = tmp_path / "data" / "reference"
    reference.mkdir(parents=True)
    (reference / "population.csv").write_text(
        "district_code,district_name_zh,year,population,source\n500106,沙坪坝区,2023,20000,test\n", encoding="utf-8")
    (reference / "cn_legal_vocabulary.csv").write_text(
        "kind,vendor_term,our_term,note\nstatus,有权,in_force,\nstatus,驳回,lapsed,\n", encoding="utf-8")
    (reference / "sei_ipc_concordance.csv").write_text(
        "sei_code,sei_name_zh,ipc_prefix,source\n1.1,下一代信息网络产业,H04L,test\n", encoding="utf-8")
    (reference / "patent_awards.csv").write_text(
        "patent_number,award_zh,award_en,award_year,award_level,source\nCN5A,中国专利金奖,China Patent Gold Award,"
        "2024,national,test\n", encoding="utf-8")
    for name in SEI_FILES:  # the adopted SEI concordance as shipped
        (reference / name).write_bytes((PROJECT_REFERENCE / name).read_bytes())
    return Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path / "inbox", output=tmp_path / "out",
                    data_dir=tmp_path / "data")


def warehouse() -> duckdb.DuckDBPyConnection:
    from pipeline.warehouse.schema import ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    for ddl in ENRICH_DDL:
        con.execute(ddl)
    return con


def add(con: duckdb.DuckDBPyConnection, patent_id: str, filed: date, *, status: str | None = "有权",
        granted: date | None = None, doc_type: str = "invention", ipc: str = "F16B 1/00") -> None:
    con.execute(
        "insert into core.patent (patent_id, number_key, jurisdiction, kind, doc_type, application_date, "
        "grant_date, filing_year, title, source, is_synthetic, file_id, duplicate_record_count) values "
        "($id, $id, 'CN', 'A', $dt, $filed, $granted, $year, 't', 'cn_export', false, 'f1', 1)",
        {"id": patent_id, "dt": doc_type, "filed": filed, "granted": granted, "year": filed.year})
    if status:
        con.execute("insert into core.patent_detail (file_id, patent_id, legal_status_vendor) values ('f1', $id, $s)",
                    {"id": patent_id, "s": status})
    con.execute("insert into core.classification values ($id, 'IPC', $sym, left($sym, 4), null, true, 1, 'f1')",
                {"id": patent_id, "sym": ipc})
    con.execute("insert into enrich.patent_zone values ($id, 'CQFTZ-XY', null, '500106', true, 0.9, 'kw')",
                {"id": patent_id})
    con.execute("insert into enrich.patent_industry values ($id, 'ELEC', 1, 1, 'concordance', true, 't', 'm', false)",
                {"id": patent_id})


def test_high_value_criteria_and_per_10k(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    add(con, "CN1B", date(2012, 1, 1))                       # (c): 2012-01-01 → 2025-06-30 = 13.5 years > 10
    add(con, "CN2A", date(2020, 1, 1), ipc="H04L 9/00")      # (a): H04L → SEI 1.1 via the concordance
    add(con, "CN3A", date(2021, 1, 1))                       # (b): family member US9B2 is a foreign grant
    con.execute("insert into core.family_member values ('f1', 'CN3A', 'F3', 1, 'CN3A', 'CN3'), "
                "('f1', 'CN3A', 'F3', 2, 'US9B2', 'US9'), ('f1', 'CN3A', 'F3', 3, 'WO7A1', 'WO7')")
    add(con, "CN4A", date(2021, 1, 1))                       # (d): a pledge event
    con.execute("insert into core.legal_event values ('f1', 'CN4A', 1, 'pledge', '2023-05-01', 1, '质押', 'x')")
    add(con, "CN5A", date(2022, 1, 1))                       # (e): in patent_awards.csv
    add(con, "CN6A", date(2022, 1, 1))                       # in force, no criterion
    add(con, "CN7A", date(2012, 1, 1), status="驳回")         # lapsed: neither valid nor high value
    add(con, "CN8A", date(2016, 1, 1), status=None, granted=date(2019, 1, 1))  # presumed in force, 9.5 years
    add(con, "CN9U", date(2010, 1, 1), doc_type="utility_model")  # not an invention patent
    add(con, "CN10A", date(2022, 1, 1), ipc="G06N 3/08")     # (a) by the CNIPA 2021 table (1.5#6), not the interim
    build_patent_sei(con, settings.reference_dir)
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=AS_OF)

    rows = dict(con.execute("select patent_id, is_high_value from mart.high_value_patent").fetchall())
    # In force: CN1B..CN6A (有权), CN10A and CN8A (presumed) = 8; CN7A lapsed, CN9U a utility model.
    assert rows == {"CN1B": True, "CN2A": True, "CN3A": True, "CN4A": True, "CN5A": True, "CN6A": False,
                    "CN8A": False, "CN10A": True}
    before = dict(con.execute("select patent_id, is_high_value_interim from mart.high_value_patent").fetchall())
    assert before["CN10A"] is False and before["CN2A"] is True
    met = {r[0]: r[1:] for r in con.execute(
        "select criterion, met_count, met_count_interim, in_force_count, concordance_version "
        "from mart.high_value_criterion").fetchall()}
    assert met["sei"][:3] == (2, 1, 8) and met["sei"][3].startswith("CNIPA SEI–IPC 2021")
    assert met["any"][:2] == (6, 5) and met["pledge"][:2] == (1, 1)
    reasons = dict(con.execute("select patent_id, reasons_en from mart.high_value_patent").fetchall())
    assert "maintained 13 years" in reasons["CN1B"]
    assert "CNIPA2021 1.3#4 H04L9*" in reasons["CN2A"] and "CNIPA2021 1.5#6 G06N3/08" in reasons["CN10A"]
    assert "US9B2" in reasons["CN3A"] and "WO7A1" not in reasons["CN3A"]
    assert "pledged" in reasons["CN4A"] and "award" in reasons["CN5A"]

    indicator = con.execute(
        "select valid_invention_count, valid_presumed_count, high_value_count, valid_per_10k, high_value_per_10k "
        "from mart.high_value_indicator where area_code = '500106'").fetchall()
    # 8 valid (1 presumed), 6 high value; population 20000: 10000 * 8 / 20000 = 4.0; 10000 * 6 / 20000 = 3.0.
    assert indicator == [(8, 1, 6, 4.0, 3.0)]
    zone = con.execute("select valid_invention_count, high_value_count, high_value_count_interim, "
                       "high_value_share_pct, valid_per_10k from mart.high_value_indicator "
                       "where area_code = 'CQFTZ-XY'").fetchall()
    assert zone == [(8, 6, 5, 75.0, None)]  # a 片区 has no official population: counts and share only
    evaluable = dict(con.execute("select criterion, is_evaluable from mart.high_value_criterion").fetchall())
    assert evaluable == {"sei": True, "foreign_grant": True, "maintained_10y": True, "pledge": True, "award": True,
                         "any": True}
    undocumented = con.execute(
        "select table_name || '.' || column_name from duckdb_columns() where schema_name = 'mart' "
        "and table_name like 'high_value%' and (comment is null or comment = '')").fetchall()
    assert undocumented == []
    assert_checks_pass(con, prefix="mart_high_value")


def test_criteria_without_data_are_reported_not_evaluable(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    (settings.reference_dir / "patent_awards.csv").unlink()  # no award list at all
    add(con, "CN1B", date(2020, 1, 1))
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=AS_OF)
    evaluable = dict(con.execute("select criterion, is_evaluable from mart.high_value_criterion").fetchall())
    # No award list, no legal events, no family data: those three cannot be evaluated.
    assert evaluable == {"sei": True, "foreign_grant": False, "maintained_10y": True, "pledge": False,
                         "award": False, "any": True}
