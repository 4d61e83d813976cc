"""Reading addresses as filed: province first, then the district by its name of the filing date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.enrich.geo import attribute_address
from pipeline.enrich.places import era_of, era_start, load_places, read_address
from pipeline.settings import load_settings

REFERENCE = load_settings({}).reference_dir
TABLE = load_places(REFERENCE / "cq_places.csv", REFERENCE / "cq_postcodes.csv")


@pytest.mark.parametrize(
    ("address", "district", "rule"),
    [
        ("重庆市开县白鹤街道三合村7组9号", "500154", "district_named"),  # 开县 → 开州区 (2016)
        ("重庆市万盛区勤俭路21号-13", "500110", "district_named"),  # 万盛区 → 綦江区 (2011)
        ("重庆市双桥区龙水湖", "500111", "district_named"),  # 双桥区 → 大足区
        ("重庆市石柱县南宾镇", "500240", "district_named"),  # usual short form of 石柱土家族自治县
        ("重庆市江津市永兴镇", "500116", "district_named"),  # county-level city before 2006
        ("重庆市渝北龙兴街", "500112", "district_named"),  # short form without 区
        ("重庆市北部新区星光大道1号", "500112", "functional_area"),
        ("重庆市双凤镇关口村四社", "500117", "town"),  # a town of 合川 only
        ("重庆市某某路1号", "", "city"),
    ],
)
def test_district_as_filed(address, district, rule):
    read = read_address(address, TABLE)
    assert read.in_chongqing
    assert ("|".join(read.district_codes), read.rule) == (district, rule)


def test_the_first_district_in_the_district_position_wins_over_a_later_one():
    read = read_address("重庆市北部新区渝北区人和街道", TABLE)
    assert (read.district_codes, read.rule) == (("500112",), "district_named")
    assert read_address("重庆市沙坪坝区江北路1号", TABLE).district_codes == ("500106",)


def test_a_functional_area_resolves_by_the_filing_date():
    before = read_address("重庆市高新区石桥铺1号", TABLE, day=dt.date(2015, 3, 1))
    after = read_address("重庆市高新区1号", TABLE, day=dt.date(2021, 3, 1))
    assert before.district_codes == ("500107",)
    assert set(after.district_codes) == {"500106", "500107"} and after.confidence < before.confidence
    # a town of one district settles which of them
    assert read_address("重庆市高新区曾家镇1号", TABLE, day=dt.date(2021, 3, 1)).district_codes == ("500106",)
    # 两江新区: a functional area over three districts until it became a district (2025-11-06)
    assert set(read_address("重庆市两江新区1号", TABLE, day=dt.date(2016, 1, 1)).district_codes) == {
        "500105",
        "500112",
        "500109",
    }
    assert read_address("重庆市两江新区1号", TABLE, day=dt.date(2026, 3, 1)).district_codes == ("LJXQ",)


def test_eras_split_the_calendar_at_dated_name_changes():
    assert era_of(TABLE, dt.date(2015, 1, 1)) < era_of(TABLE, dt.date(2021, 1, 1)) < era_of(TABLE, None) + 1
    day = era_start(TABLE, era_of(TABLE, dt.date(2021, 1, 1)))
    assert day is not None and day <= dt.date(2021, 1, 1)


@pytest.mark.parametrize(
    "address",
    ["山东省青岛市四方区重庆南路1号", "上海市黄浦区重庆中路", "成都市武侯区重庆路", "重庆南路88号 青岛"],
)
def test_a_chongqing_street_elsewhere_is_not_chongqing(address):
    assert not read_address(address, TABLE, postcode="266000").in_chongqing
    assert attribute_address(address).rule == "none"


def test_the_postcode_decides_when_the_text_names_no_place():
    assert read_address("某某路1号", TABLE, postcode="400700").district_codes == ("500109",)
    assert read_address("400700某某路1号", TABLE).rule == "postcode"
    assert not read_address("某某路1号", TABLE, postcode="266000").in_chongqing


def test_the_structured_county_field_comes_first():
    read = read_address("重庆市渝北区人和街道1号", TABLE, county="北碚区")
    assert (read.district_codes, read.rule) == (("500109",), "district_structured")
    assert read_address("重庆市渝北区1号", TABLE, county="0").rule == "district_named"


# --- 片区 keywords: whole place names inside their host districts -------------------------------------------


def test_a_village_named_like_the_rail_port_in_another_district_is_no_zone():
    result = attribute_address("重庆市巴南区龙洲湾街道团结村1社")
    assert result.zone_code is None and result.district_code == "500113"
    assert attribute_address("重庆市沙坪坝区土主镇团结村").zone_code == "CQFTZ-XY"


def test_a_keyword_inside_another_place_name_is_no_zone():
    result = attribute_address("重庆市大足县龙水镇龙西永益村五组")
    assert result.zone_code is None and result.district_code == "500111"
    assert attribute_address("重庆市沙坪坝区西永益村").zone_code is None  # 西永益村 is not 西永
    assert attribute_address("重庆市沙坪坝区西永街道1号").zone_code == "CQFTZ-XY"


def test_a_keyword_outside_its_host_district_never_reaches_the_headline():
    for address in ("重庆市綦江区三江街道两路村七社", "重庆市南岸区寸滩路1号", "重庆市九龙坡区西永路1号"):
        result = attribute_address(address)
        assert result.zone_code is None, address


def test_without_a_district_a_keyword_stays_below_the_headline_unless_it_is_a_facility():
    assert attribute_address("重庆市团结村1号").confidence < 0.6
    assert attribute_address("重庆市西永综合保税区1号").confidence >= 0.6


def test_a_village_of_a_zone_town_stays_below_the_headline():
    village = attribute_address("重庆市沙坪坝区西永镇童善桥村")
    assert village.zone_code == "CQFTZ-XY" and village.confidence < 0.6
    assert attribute_address("重庆市沙坪坝区西永镇西永大道25号").confidence >= 0.6
