"""Property-based tests of the normalisers and the address attribution (hypothesis, 200 derandomised examples
per property so CI is stable). Two kinds of input: arbitrary text (the normalisers must be total) and text built
from the pieces real values are made of (so that the properties are exercised where the logic is)."""

from __future__ import annotations

from datetime import date
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.enrich.gazetteer import TIERS, load_gazetteer
from pipeline.enrich.geo import attribute_address, default_gazetteer_path
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
LATEST = date(date.today().year + 2, 12, 31)

anything = st.one_of(
    st.none(), st.text(max_size=60), st.integers(), st.floats(allow_nan=True), st.binary(max_size=20), st.dates()
)


def fullwidth(text: str) -> str:
    """ASCII -> the full-width block (Ｈ０１Ｌ), space -> ideographic space: how CN exports spell Latin text."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


# --- publication numbers --------------------------------------------------------------------------------

countries = st.sampled_from(["US", "CN", "EP", "JP", "KR", "DE", "WO", "GB", "FR", "TW"])
serials = st.integers(min_value=1, max_value=99_999_999)
kinds = st.sampled_from(["A", "A1", "A2", "B", "B1", "B2", "C", "U", "S", "S1", "E", "P2", "Y"])
numberish = st.text(alphabet="USCNEPWOJKRDHTXI0123456789 -/.,ABYZ()ＵＳＣＮ０１２\u3000", max_size=22)


@PROPERTY
@given(countries, serials, kinds)
def test_spaced_compact_hyphenated_and_full_width_spellings_meet(country, serial, kind):
    canonical = normalize_publication_number(f"{country}{serial}{kind}")
    assert canonical is not None
    for spelling in (
        f"{country} {serial} {kind}",
        f"{country}-{serial}-{kind}",
        f"{country} {serial}",  # kind supplied separately, as Lens and USPTO XML do
        fullwidth(f"{country}{serial}{kind}"),
        fullwidth(f"{country} {serial} {kind}"),
        f" {country.lower()}{serial}{kind.lower()} ",
    ):
        assert normalize_publication_number(spelling, kind) == canonical, spelling
    assert number_key(canonical) == number_key(f"{country} {serial}") == canonical[: -len(kind)]


@PROPERTY
@given(st.integers(min_value=1, max_value=12_999_999), kinds)
def test_us_grant_numbers_meet_with_or_without_zero_padding(serial, kind):
    # USPTO XML pads to 8 digits (06836899), PatentsView and citations do not
    assert normalize_publication_number(f"US{serial:08d}{kind}") == normalize_publication_number(f"US {serial} {kind}")


@PROPERTY
@given(st.one_of(st.text(max_size=60), numberish, st.tuples(countries, numberish).map("".join)))
def test_publication_number_is_total_and_idempotent(text):
    canonical = normalize_publication_number(text)
    key = number_key(text)
    assert (canonical is None) == (key is None)
    if canonical is not None:
        assert normalize_publication_number(canonical) == canonical
        assert number_key(canonical) == key
        assert key is not None and canonical.startswith(key)
        assert canonical == canonical.strip().upper() and " " not in canonical


@PROPERTY
@given(anything)
def test_number_normalisers_never_raise_on_any_value(value):
    normalize_publication_number(value, value)
    number_key(value)


# --- dates ----------------------------------------------------------------------------------------------


@PROPERTY
@given(anything)
def test_parse_date_never_raises_and_stays_in_range(value):
    result = parse_date(value)
    assert result is None or MIN_DATE <= result <= LATEST


@PROPERTY
@given(st.text(alphabet="0123456789-/.年月日T: ", max_size=20))
def test_parse_date_in_range_on_date_shaped_text(text):
    result = parse_date(text)
    assert result is None or MIN_DATE <= result <= LATEST


@PROPERTY
@given(st.dates(min_value=MIN_DATE, max_value=LATEST))
def test_dates_round_trip_iso_and_every_source_spelling(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(parse_date(day.isoformat()).isoformat()) == day  # type: ignore[union-attr]
    for spelling in (
        day.strftime("%Y%m%d"),
        int(day.strftime("%Y%m%d")),
        f"{day:%Y%m%d}.0",
        day.strftime("%Y/%m/%d"),
        day.strftime("%d.%m.%Y"),
        f"{day.year}年{day.month}月{day.day}日",
        fullwidth(day.isoformat()),
    ):
        assert parse_date(spelling) == day, spelling


@PROPERTY
@given(st.dates(max_value=date(1789, 12, 31)) | st.dates(min_value=LATEST.replace(year=LATEST.year + 1)))
def test_out_of_range_dates_are_none(day):
    assert parse_date(f"{day.year:04d}-{day.month:02d}-{day.day:02d}") is None


# --- classification symbols -----------------------------------------------------------------------------

sections = st.sampled_from("ABCDEFGHY")
letters = st.sampled_from("ABCDEFGHJKLMNPQ")


@PROPERTY
@given(sections, st.integers(1, 99), letters, st.integers(1, 9999), st.integers(0, 999999))
def test_ipc_compact_spaced_full_width_and_padded_forms_meet(section, klass, letter, group, subgroup):
    sub = f"{subgroup:02d}"
    subclass = f"{section}{klass:02d}{letter}"
    spaced = f"{subclass} {group}/{sub}"
    canonical = normalize_ipc(spaced)
    assert canonical is not None and canonical.startswith(subclass + " ")
    assert normalize_ipc(f"{subclass}{group}/{sub}") == canonical
    assert normalize_ipc(f"{subclass}  {group:04d} / {sub}") == canonical
    assert normalize_ipc(fullwidth(spaced)) == canonical
    assert normalize_ipc(f"{spaced} (2006.01)") == canonical
    assert normalize_ipc(f"{subclass}{group:04d}{sub.ljust(6, '0')}") == canonical  # USPTO 'H01L0021020000'
    assert normalize_ipc(canonical) == canonical


@PROPERTY
@given(st.one_of(st.text(max_size=40), st.text(alphabet="AHGYZL0123456789 /()-.;", max_size=20)))
def test_ipc_is_total_and_idempotent(text):
    symbol = normalize_ipc(text)
    if symbol is not None:
        assert normalize_ipc(symbol) == symbol
        assert len(symbol) == 4 or (symbol[4] == " " and "/" in symbol)


@PROPERTY
@given(anything)
def test_ipc_never_raises_on_any_value(value):
    normalize_ipc(value)


# --- text -----------------------------------------------------------------------------------------------


@PROPERTY
@given(st.text(max_size=60))
def test_clean_text_and_to_halfwidth_are_idempotent(text):
    folded = to_halfwidth(text)
    assert to_halfwidth(folded) == folded
    assert len(folded) == len(text)
    assert not any(0xFF01 <= ord(c) <= 0xFF5E or c == "\u3000" for c in folded)
    cleaned = clean_text(text)
    if cleaned is not None:
        assert clean_text(cleaned) == cleaned
        assert cleaned == cleaned.strip() and "  " not in cleaned


@PROPERTY
@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=40))
def test_to_halfwidth_undoes_fullwidth(text):
    assert to_halfwidth(fullwidth(text)) == text


# --- address attribution --------------------------------------------------------------------------------


@cache
def gazetteer_keywords() -> tuple[str, ...]:
    gazetteer = load_gazetteer(default_gazetteer_path())
    words = {k for tier in (*TIERS, "district", "exclusion") for e in gazetteer.tier(tier) for k in e.keywords}
    return tuple(sorted(words))


pieces = st.one_of(
    st.sampled_from(
        ["重庆市", "重庆", "Chongqing", "CHONGQING ", "市", "区", "路", "号", " ", ",", "401331", "401120"]
    ),
    st.deferred(lambda: st.sampled_from(gazetteer_keywords())),
    st.text(max_size=4),
)
addresses = st.lists(pieces, max_size=6).map("".join)
OTHER_PLACES = [
    "北京市",
    "上海市",
    "四川省成都市",
    "广东省深圳市",
    "江苏省南京市",
    "湖北省武汉市",
    "Shanghai, ",
    "Beijing ",
]


@PROPERTY
@given(st.one_of(st.none(), st.text(max_size=60), addresses, st.integers()))
def test_attribution_never_raises_and_confidence_is_a_probability(text):
    result = attribute_address(text)
    assert 0.0 <= result.confidence <= 1.0
    assert result.zone_code is None or result.rule
    if result.zone_code is None and result.subarea_code is None:
        assert result.confidence <= 0.2 or result.rule.startswith("registry")


@PROPERTY
@given(addresses, st.sampled_from(OTHER_PLACES))
def test_a_non_chongqing_place_first_never_creates_a_zone(address, prefix):
    result = attribute_address(prefix + address)
    assert result.zone_code is None and result.subarea_code is None, (prefix + address, result)


@PROPERTY
@given(addresses)
def test_full_width_and_half_width_addresses_attribute_alike(address):
    assert attribute_address(fullwidth(address)) == attribute_address(address)


def test_a_known_zone_address_is_found_so_the_properties_can_fail():
    assert attribute_address("重庆市沙坪坝区西永综合保税区1号").zone_code == "CQFTZ-XY"
    assert attribute_address("四川省成都市沙坪坝区西永综合保税区1号").zone_code is None
