"""mart.zone_industry_year, mart.zone_indicator and mart.signal on inline data."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import ENRICH_DDL, build_tiny_warehouse

from pipeline.analyse.indicators import run_indicators
from pipeline.settings import Settings
from pipeline.warehouse.checks import assert_checks_pass

PARTY_INSERT = ("insert into core.patent_party (patent_id, role, sequence, party_id, party_type, name_raw, "
                "name_norm, country, state, city, address_raw, postcode, file_id) ")


def settings_for(tmp_path: Path) -> Settings:
    return Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path / "inbox", output=tmp_path / "out",
                    data_dir=tmp_path / "data")


def empty_warehouse() -> duckdb.DuckDBPyConnection:
    from pipeline.warehouse.schema import ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    for ddl in ENRICH_DDL:
        con.execute(ddl)
    con.execute("insert into core.ingest_file (file_id, path, file_name, sha256, size_bytes, format, source, status, "
                "first_seen_at) values ('f1', 'a.csv', 'a.csv', 'x', 1, 'cn_export', 'cn_export', 'loaded', now())")
    return con


def add_patent(con: duckdb.DuckDBPyConnection, patent_id: str, filed: date, applicants: list[str],
               zone: str | None = "CQFTZ-XY", confidence: float = 0.9, doc_type: str = "invention",
               industry: str = "ELEC") -> None:
    con.execute("insert into core.patent values ($id, $id, 'CN', 'A', $dt, null, $d, $d, null, null, $y, null, 1, "
                "'t', null, 'zh', 1, 0, 0, null, null, 'cn_export', null, false, 'f1', 1)",
                {"id": patent_id, "dt": doc_type, "d": filed, "y": filed.year})
    con.execute("insert into enrich.patent_zone values ($id, $z, null, '500106', true, $c, 'kw')",
                {"id": patent_id, "z": zone, "c": confidence})
    con.execute("insert into enrich.patent_industry values ($id, $i, 1, 1, 'concordance', true, 't', 'm', false)",
                {"id": patent_id, "i": industry})
    for seq, entity in enumerate(applicants, start=1):
        con.execute("insert into enrich.patent_applicant values ($id, $s, $e, 'applicant')",
                    {"id": patent_id, "s": seq, "e": entity})


def mart_row(con: duckdb.DuckDBPyConnection, scope: str, industry: str, year: int) -> dict[str, object]:
    rel = con.sql("select * from mart.zone_industry_year where scope_code = $s and industry_code = $i "
                  "and filing_year = $y", params={"s": scope, "i": industry, "y": year})
    rows = rel.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(rel.columns, rows[0], strict=True))


def test_headline_and_sensitivity_counts_follow_the_thresholds(tmp_path: Path) -> None:
    con = empty_warehouse()
    add_patent(con, "CN1A", date(2020, 1, 1), ["A"], confidence=0.9)
    add_patent(con, "CN2A", date(2020, 2, 1), ["A"], confidence=0.6)   # exactly at the headline threshold
    add_patent(con, "CN3A", date(2020, 3, 1), ["B"], confidence=0.45)  # sensitivity only
    add_patent(con, "CN4A", date(2020, 4, 1), ["C"], confidence=0.1)   # below both: Chongqing outside the FTZ
    run_indicators(con, settings_for(tmp_path))
    zone = mart_row(con, "CQFTZ-XY", "ELEC", 2020)
    assert (zone["application_count"], zone["application_sensitivity_count"]) == (2, 3)
    other = mart_row(con, "CQ-OTHER", "ALL", 2020)
    assert (other["application_count"], other["application_sensitivity_count"]) == (2, 1)
    assert mart_row(con, "ALL", "ALL", 2020)["application_count"] == 4
    # HHI on the two headline patents, both from applicant A: a monopoly.
    assert zone["hhi"] == pytest.approx(1.0)
    assert zone["applicant_count"] == 1
    assert_checks_pass(con, prefix="mart_zone_industry_year")


def test_concentration_growth_types_and_share(tmp_path: Path) -> None:
    con = empty_warehouse()
    add_patent(con, "CN1A", date(2021, 1, 1), ["A"])
    add_patent(con, "CN2A", date(2021, 2, 1), ["A"], doc_type="utility_model")
    add_patent(con, "CN3A", date(2021, 3, 1), ["B"], doc_type="design", industry="AUTO")
    add_patent(con, "CN4A", date(2020, 3, 1), ["B"])
    run_indicators(con, settings_for(tmp_path))
    row = mart_row(con, "CQFTZ-XY", "ALL", 2021)
    assert row["hhi"] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2, abs=1e-4)
    assert row["top5_share_pct"] == pytest.approx(100.0)
    assert (row["invention_count"], row["utility_model_count"], row["design_count"]) == (1, 1, 1)
    assert row["application_yoy_pct"] == pytest.approx(200.0)
    elec = mart_row(con, "CQFTZ-XY", "ELEC", 2021)
    assert elec["scope_share_pct"] == pytest.approx(100 * 2 / 3, abs=0.01)


def test_builds_without_enrichment_tables(tmp_path: Path) -> None:
    from pipeline.warehouse.schema import ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    con.execute("insert into core.patent values ('US1B2', 'US1', 'US', 'B2', 'grant', null, '2019-01-01', "
                "'2020-01-01', '2020-01-01', null, 2019, null, 1, 't', null, 'en', 1, 0, 0, null, 'PCT/US1', "
                "'uspto_xml', null, false, 'f1', 1)")
    summary = run_indicators(con, settings_for(tmp_path))
    assert "patent_zone" in summary["inputs_missing"]
    row = mart_row(con, "ALL", "ALL", 2019)
    assert (row["application_count"], row["grant_count"], row["pct_share_pct"]) == (1, 1, 100.0)
    assert con.sql("select count(*) from mart.zone_industry_year where scope_code <> 'ALL'").fetchall()[0][0] == 0


def test_inventions_per_10k_population_by_district(tmp_path: Path) -> None:
    con = empty_warehouse()
    for i in range(3):
        add_patent(con, f"CN{i}B", date(2020, 1, 1 + i), ["A"])
    con.execute("update core.patent set grant_date = '2021-01-01' where patent_id in ('CN0B', 'CN1B')")
    settings = settings_for(tmp_path)
    settings.reference_dir.mkdir(parents=True)
    (settings.reference_dir / "population.csv").write_text(
        "district_code,district_name_zh,year,population,source\n500106,沙坪坝区,2020,1000000,test\n"
        "500106,沙坪坝区,2023,2000000,test\n500999,坏行,2023,not-a-number,test\n", encoding="utf-8")
    summary = run_indicators(con, settings)
    assert summary["population_rows"] == 2
    rel = con.sql("select * from mart.zone_indicator where district_code = '500106'")
    row = dict(zip(rel.columns, rel.fetchall()[0], strict=True))
    assert row["population"] == 2_000_000 and row["population_year"] == 2023
    assert row["invention_grants_per_10k"] == pytest.approx(2 * 10000 / 2_000_000)


def test_signals_new_entrants_and_rising_applicants(tmp_path: Path) -> None:
    con = empty_warehouse()
    add_patent(con, "CN1A", date(2022, 6, 1), ["OLD"])
    for i, day in enumerate((1, 2, 3)):
        add_patent(con, f"CN2{i}A", date(2024, 3, day), ["OLD"])
    add_patent(con, "CN3A", date(2024, 5, 1), ["NEW"])
    run_indicators(con, settings_for(tmp_path))
    signals = con.sql("select signal_type, subject_id, recent_count, prior_count from mart.signal "
                      "where scope_code = 'CQFTZ-XY' and industry_code = 'ALL' order by 1, 2").fetchall()
    assert ("new_entrant", "NEW", 1, 0) in signals
    assert ("rising_applicant", "OLD", 3, 1) in signals
    assert all(subject != "OLD" for kind, subject, *_ in signals if kind == "new_entrant")


def test_tiny_site_warehouse_passes_the_checks(tmp_path: Path) -> None:
    con = duckdb.connect()
    build_tiny_warehouse(con)
    run_indicators(con, settings_for(tmp_path))
    assert_checks_pass(con, prefix="mart_zone_industry_year")
    total = con.sql("select sum(application_count) from mart.zone_industry_year "
                    "where scope_code = 'ALL' and industry_code = 'ALL'").fetchall()[0][0]
    assert total == con.sql("select count(*) from core.patent").fetchall()[0][0]


def test_raw_parties_stand_in_for_applicant_entities(tmp_path: Path) -> None:
    from pipeline.warehouse.schema import ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    for i, party in enumerate(("P1", "P1", "P2")):
        con.execute("insert into core.patent values ($id, $id, 'US', 'B2', 'grant', null, '2019-01-01', null, "
                    "null, null, 2019, null, 1, 't', null, 'en', 1, 0, 0, null, null, 'uspto_xml', null, false, "
                    "'f1', 1)", {"id": f"US{i}B2"})
        con.execute(PARTY_INSERT + "values ($id, 'assignee', 1, $p, 'organization', $p, $p, 'US', "
                    "null, null, null, null, 'f1')", {"id": f"US{i}B2", "p": party})
    summary = run_indicators(con, settings_for(tmp_path))
    assert "patent_applicant" in summary["inputs_missing"]
    row = mart_row(con, "ALL", "ALL", 2019)
    assert row["applicant_count"] == 2
    assert row["hhi"] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2, abs=1e-4)
