"""片区 attribution of applicants without an address (most Chinese exports): the same applicant's address on
another record, then the registry, each with its own rule and a lower confidence; and the coverage numbers the
index page shows (sql/site/location_coverage.sql)."""

from __future__ import annotations

import duckdb

from pipeline.enrich.geo_step import run_geo_enrichment
from pipeline.settings import Settings, load_settings
from pipeline.sql import run_sql
from pipeline.warehouse.schema import ensure_schema


def build(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    defaults = load_settings({})
    for name in ("ftz_gazetteer.csv", "cq_places.csv", "cq_postcodes.csv"):
        (reference / name).write_bytes((defaults.reference_dir / name).read_bytes())
    (reference / "applicant_locations.csv").write_text(
        "name_variants,address,source,confidence_note\n重庆梦神科技有限公司,重庆市沙坪坝区西永综合保税区1号,test,H\n",
        encoding="utf-8",
    )
    settings = Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path, output=tmp_path, data_dir=tmp_path)
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    patents = ["CN1A", "CN2A", "CN3A", "CN4A", "CN5A"]
    con.executemany(
        "insert into core.patent (patent_id, number_key, jurisdiction, source, is_synthetic, file_id, "
        "duplicate_record_count) values ($1, $2, 'CN', 'cn_export', false, 'f', 1)",
        [(p, p[:-1]) for p in patents],
    )
    parties = [
        # a direct address in 果园港
        ("CN1A", "重庆渝芯有限公司", "重庆市江北区果园港1号"),
        # the same applicant without an address: located through CN1A
        ("CN2A", "重庆渝芯有限公司", None),
        # no address anywhere, but in the registry
        ("CN3A", "重庆梦神科技有限公司", None),
        # a Chongqing applicant nobody can place
        ("CN4A", "重庆无名科技有限公司", None),
        # not in Chongqing
        ("CN5A", "郑州科技学院", None),
    ]
    con.executemany(
        "insert into core.patent_party (patent_id, role, sequence, party_id, party_type, name_raw, name_norm, "
        "country, address_raw, file_id) values ($1, 'applicant', 1, $2, 'organization', $2, $2, 'CN', $3, 'f')",
        parties,
    )
    run_geo_enrichment(con, settings)
    return con


def test_each_fallback_has_its_own_rule_and_a_lower_confidence(tmp_path):
    con = build(tmp_path)
    rows = con.execute("select patent_id, zone_code, confidence, rule from enrich.patent_location order by 1")
    got = {r[0]: r[1:] for r in rows.fetchall()}
    assert got["CN1A"] == ("CQFTZ-GYG", 0.9, "zone_keyword")
    assert got["CN2A"][0] == "CQFTZ-GYG" and got["CN2A"][2] == "applicant_other_record:zone_keyword"
    assert got["CN2A"][1] < got["CN1A"][1]
    assert got["CN3A"] == ("CQFTZ-XY", 0.7, "registry:zone_keyword")
    assert got["CN4A"] == (None, 0.0, "none")


def test_location_coverage_counts_chongqing_applicants_by_method(tmp_path):
    con = build(tmp_path)
    rows = run_sql(con, "site/location_coverage").fetchall()
    assert rows == [
        ("direct_address", 1, 1),
        ("other_record", 0, 1),
        ("registry", 1, 1),
        ("not_located", 1, 1),
    ]
