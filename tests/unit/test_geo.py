"""片区 attribution rules, one behaviour per test, and the step on a tiny warehouse."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.enrich.geo import attribute_address, is_in_chongqing
from pipeline.enrich.geo_step import run_geo_enrichment
from pipeline.settings import Settings, load_settings
from pipeline.warehouse.schema import ensure_schema


@pytest.mark.parametrize(
    ("address", "zone", "rule", "confidence"),
    [
        ("重庆市沙坪坝区西永综合保税区1号", "CQFTZ-XY", "zone_keyword", 0.9),
        ("重庆市沙坪坝区西永微电园1号", "CQFTZ-XY", "subarea_keyword", 0.65),
        ("重庆市渝北区悦来大道1号", "CQFTZ-LJ", "street_candidate", 0.35),
        ("401332重庆市沙坪坝区某路1号", "CQFTZ-XY", "postcode", 0.2),
        ("重庆市沙坪坝区沙正街174号", None, "host_district", 0.0),
        ("Chongqing, CN", None, "city", 0.0),
        ("四川省成都市西永路1号", None, "none", 0.0),
    ],
)
def test_precedence_and_confidence(address, zone, rule, confidence):
    result = attribute_address(address)
    assert (result.zone_code, result.rule, result.confidence) == (zone, rule, confidence)


def test_facility_beats_core_keyword_in_the_same_address():
    result = attribute_address("重庆市沙坪坝区西永微电园西永综合保税区B区")
    assert (result.subarea_code, result.rule) == ("CQFTZ-XY-ZBQ", "zone_keyword")


def test_exclusions_are_removed_before_matching():
    assert attribute_address("重庆市涪陵区涪陵综合保税区1号").zone_code is None
    assert attribute_address("重庆市渝北区江北国际机场").zone_code is None
    assert attribute_address("重庆自贸试验区联动创新区（江津）").zone_code is None


def test_old_and_new_district_forms_meet():
    old = attribute_address("重庆市江北区果园港1号")
    new = attribute_address("重庆市两江新区果园港1号")
    assert old.zone_code == new.zone_code == "CQFTZ-GYG"
    assert (old.district_code, new.district_code) == ("500105", "LJXQ")


def test_width_and_script_are_folded():
    plain = attribute_address("401332重庆市沙坪坝区西永综合保税区12号")
    assert attribute_address("４０１３３２重庆市沙坪坝区西永综合保税区１２号") == plain
    assert attribute_address("重慶市沙坪壩區西永綜合保稅區12號").zone_code == "CQFTZ-XY"


def test_english_keywords_respect_word_boundaries():
    assert attribute_address("Jiangbeizui, Chongqing").subarea_code == "CQFTZ-LJ-JBZ"
    assert attribute_address("Jiangbei District, Chongqing").zone_code is None


def test_first_province_named_decides():
    assert is_in_chongqing("重庆市渝北区")
    assert not is_in_chongqing("北京市海淀区重庆大厦")
    assert is_in_chongqing("400000 某路")
    assert not is_in_chongqing("")


def test_step_builds_one_zone_row_per_patent_and_uses_the_registry(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    defaults = load_settings({})
    for name in ("ftz_gazetteer.csv", "cq_places.csv", "cq_postcodes.csv"):
        (reference / name).write_bytes((defaults.reference_dir / name).read_bytes())
    (reference / "applicant_locations.csv").write_text(
        "name_variants,address,source,confidence_note\n"
        "ACME XIYONG CO LTD|艾克米西永有限公司,重庆市沙坪坝区西永综合保税区1号,test,H\n",
        encoding="utf-8",
    )
    settings = Settings(warehouse=tmp_path / "w.duckdb", inbox=tmp_path, output=tmp_path, data_dir=tmp_path)
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    con.execute("""insert into core.patent (patent_id, number_key, jurisdiction, source, is_synthetic, file_id,
                   duplicate_record_count) values ('CN1A', 'CN1', 'CN', 'cn_export', false, 'f', 1),
                   ('US2B2', 'US2', 'US', 'uspto_xml', false, 'f', 1),
                   ('US3B2', 'US3', 'US', 'uspto_xml', false, 'f', 1)""")
    con.execute("""insert into core.patent_party (patent_id, role, sequence, party_id, party_type, name_raw,
                   name_norm, country, city, address_raw, file_id) values
                   ('CN1A', 'applicant', 1, 'p1', 'organization', '重庆渝芯有限公司', '重庆渝芯有限公司', 'CN', null,
                    '重庆市渝北区悦来大道1号', 'f'),
                   ('CN1A', 'applicant', 2, 'p2', 'organization', '渝州理工大学', '渝州理工大学', 'CN', null,
                    '重庆市江北区果园港1号', 'f'),
                   ('US2B2', 'assignee', 1, 'p3', 'organization', 'Acme Xiyong Co., Ltd.', 'ACME XIYONG CO LTD', 'CN',
                    'Chongqing', null, 'f')""")
    summary = run_geo_enrichment(con, settings)
    rows = con.execute("select patent_id, zone_code, confidence, rule, is_chongqing from enrich.patent_zone order by 1")
    assert rows.fetchall() == [
        ("CN1A", "CQFTZ-GYG", 0.9, "zone_keyword", True),
        ("US2B2", "CQFTZ-XY", 0.7, "registry:zone_keyword", True),
        ("US3B2", None, 0.0, "none", False),
    ]
    assert summary["patents_by_zone_at_threshold"] == {"CQFTZ-GYG": 1, "CQFTZ-XY": 1}
    entity = con.execute("select entity_type from enrich.applicant_entity where display_name = '渝州理工大学'")
    assert entity.fetchone() == ("university",)
