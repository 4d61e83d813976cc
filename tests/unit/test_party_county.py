"""core/raw.patent_party.county: new warehouses have it, v3 warehouses gain it, CN exports fill it from 区县."""

from __future__ import annotations

import duckdb

from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import SCHEMA_VERSION, ensure_schema


def _columns(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select column_name from duckdb_columns() where schema_name = $s and table_name = 'patent_party' "
            "order by column_index",
            {"s": schema},
        ).fetchall()
    ]


def test_new_warehouse_has_county_in_core_and_raw():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    assert "county" in _columns(con, "core")
    assert "county" in _columns(con, "raw")
    comment = con.execute(
        "select comment from duckdb_columns() where schema_name = 'core' and table_name = 'patent_party' "
        "and column_name = 'county'"
    ).fetchone()
    assert comment and "区县" in comment[0]


def test_a_version_3_warehouse_gains_the_county_column(tmp_path):
    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    ensure_schema(con)
    con.execute("alter table core.patent_party drop column county")
    con.execute("update meta.schema_version set version = 3")
    con.close()
    con = duckdb.connect(str(path))
    assert "county" not in _columns(con, "core")
    assert ensure_schema(con) == SCHEMA_VERSION == 4
    assert _columns(con, "core")[-1] == "county"


def test_cn_export_district_goes_to_county_and_city_stays_city(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "公开号,专利名称,申请人,省份,城市,区县,申请人地址\n"
        "CN111111111A,一种装置,重庆某某科技有限公司,重庆市,重庆市,沙坪坝区,401331重庆市沙坪坝区西永大道1号\n",
        encoding="utf-8",
    )
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    report = ingest_paths(con, [path])
    assert report.files[0].status == "loaded", report.files[0].message
    got = con.execute("select state, city, county, postcode, address_raw from core.patent_party").fetchall()
    assert got == [("重庆市", "重庆市", "沙坪坝区", "401331", "重庆市沙坪坝区西永大道1号")]
    assert con.execute("select county from raw.patent_party").fetchall() == [("沙坪坝区",)]
