"""Property-based tests of the normalisers and the address attribution (hypothesis, 200+ examples each)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.enrich.geo import attribute_address
from pipeline.normalize import (
    MIN_DATE,
    clean_text,
    normalize_ipc,
    normalize_publication_number,
    number_key,
    parse_date,
    to_halfwidth,
)

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True)

countries = st.sampled_from(["US", "CN", "EP", "JP", "KR", "DE", "WO"])
digits = st.integers(min_value=1000, max_value=99_999_999)
kinds = st.sampled_from(["A", "A1", "A2", "B", "B1", "B2", "U", "S", "C"])


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@PROPERTY
@given(countries, digits, kinds)
def test_publication_number_spellings_meet_and_are_idempotent(country, number, kind):
    canonical = normalize_publication_number(f"{country}{number}{kind}")
    assert canonical is not None
    for spelling in (
        f"{country} {number} {kind}",
        f"{country}-{number}-{kind}",
        fullwidth(f"{country}{number}{kind}"),
        f" {country.lower()}{number}{kind.lower()} ",
    ):
        assert normalize_publication_number(spelling) == canonical
    assert normalize_publication_number(canonical) == canonical
    assert number_key(canonical) == number_key(f"{country} {number}")


@PROPERTY
@given(st.text(max_size=60))
def test_number_normalisers_never_raise(text):
    result = normalize_publication_number(text)
    assert result is None or result == normalize_publication_number(result)
    number_key(text)


@PROPERTY
@given(st.dates(min_value=MIN_DATE, max_value=date(2027, 12, 31)))
def test_dates_round_trip_in_every_spelling(day):
    for spelling in (
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%Y/%m/%d"),
        int(day.strftime("%Y%m%d")),
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert parse_date(spelling) == day


@PROPERTY
@given(st.one_of(st.text(max_size=30), st.integers(), st.none()))
def test_parse_date_never_raises_and_stays_in_range(value):
    result = parse_date(value)
    assert result is None or MIN_DATE <= result <= date(date.today().year + 2, 12, 31)


sections = st.sampled_from("ABCDEFGHY")


@PROPERTY
@given(sections, st.integers(1, 99), st.sampled_from("ABCDHKLMNPQ"), st.integers(1, 999), st.integers(0, 9999))
def test_ipc_compact_spaced_and_padded_forms_meet(section, klass, letter, group, subgroup):
    sub = f"{subgroup:02d}"
    spaced = f"{section}{klass:02d}{letter} {group}/{sub}"
    canonical = normalize_ipc(spaced)
    assert canonical is not None
    assert normalize_ipc(spaced.replace(" ", "")) == canonical
    assert normalize_ipc(fullwidth(spaced)) == canonical
    assert normalize_ipc(canonical) == canonical
    if len(sub) <= 6:
        padded = f"{section}{klass:02d}{letter}{group:04d}{sub.ljust(6, '0')}"
        assert normalize_ipc(padded) == canonical


@PROPERTY
@given(st.text(max_size=40))
def test_ipc_and_text_cleaning_never_raise(text):
    symbol = normalize_ipc(text)
    assert symbol is None or normalize_ipc(symbol) == symbol
    cleaned = clean_text(text)
    assert cleaned is None or cleaned == clean_text(cleaned)
    assert to_halfwidth(to_halfwidth(text)) == to_halfwidth(text)


@PROPERTY
@given(st.text(max_size=40))
def test_attribution_never_raises_and_confidence_is_a_probability(text):
    result = attribute_address(text)
    assert 0.0 <= result.confidence <= 1.0
    assert result.zone_code is None or result.rule


zone_addresses = st.sampled_from(
    [
        "沙坪坝区西永综合保税区1号",
        "江北区果园港2号",
        "渝北区两路寸滩综合保税区3号",
        "沙坪坝区西永微电园4号",
        "江北区江北嘴5号",
    ]
)


@PROPERTY
@given(zone_addresses, st.sampled_from(["北京市", "四川省成都市", "广东省深圳市", "上海市", "江苏省南京市"]))
def test_another_province_first_never_creates_a_zone(address, prefix):
    assert attribute_address("重庆市" + address).zone_code is not None
    assert attribute_address(prefix + address).zone_code is None


@PROPERTY
@given(zone_addresses, st.integers(100000, 409999))
def test_full_width_and_half_width_addresses_attribute_alike(address, postcode):
    text = f"{postcode}重庆市{address}"
    assert attribute_address(fullwidth(text)) == attribute_address(text)
