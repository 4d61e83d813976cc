"""Example-based tests of pipeline/normalize.py: the spellings the five sources really use, and the edge cases
that once went wrong (each marked 'regression')."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline.normalize import (
    MIN_DATE,
    clean_text,
    doc_type_from_kind,
    ipc_main_group,
    ipc_subclass,
    normalize_ipc,
    normalize_name,
    normalize_publication_number,
    number_key,
    parse_date,
    split_publication_number,
    to_halfwidth,
)

# --- publication numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("US 8001762 B2", "US8001762B2"),  # Lens 2025 Display Key
        ("US8001762B2", "US8001762B2"),
        ("US-8001762-B2", "US8001762B2"),  # Google Patents
        ("us8001762b2", "US8001762B2"),
        ("ＵＳ８００１７６２Ｂ２", "US8001762B2"),  # full-width (CN exports)
        ("US 06836899 B2", "US6836899B2"),  # USPTO XML pads grant numbers to 8 digits
        ("US 6,123,456", "US6123456"),  # citation lists
        ("US 2016/0123456 A1", "US20160123456A1"),
        ("US 2002/123456 A1", "US20020123456A1"),  # pre-grant serial padded to 7 digits
        ("USD0512345S", "USD512345S"),
        ("US D558,629 S", "USD558629S"),
        ("US RE43,210 E", "USRE43210E"),
        ("USRE043210E1", "USRE43210E1"),
        ("US PP12345 P2", "USPP12345P2"),
        ("CN 110802989 A", "CN110802989A"),
        ("CN218751475U", "CN218751475U"),
        ("CN 1 0 1 2 3 4 5 6 7 B", "CN101234567B"),
        ("EP 2 400 812 A1", "EP2400812A1"),
        ("JP S5791798 A", "JPS5791798A"),
        ("TW I123456 B", "TWI123456B"),
        ("WO 2015/123456 A1", "WO2015123456A1"),
    ],
)
def test_publication_number_spellings(raw, expected):
    assert normalize_publication_number(raw) == expected
    assert normalize_publication_number(expected) == expected


def test_kind_argument_fills_a_missing_kind_only():
    assert normalize_publication_number("US 8001762", "b2") == "US8001762B2"
    assert normalize_publication_number("US 8001762 B1", "B2") == "US8001762B1"
    assert normalize_publication_number("US 8001762", " ") == "US8001762"


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "X", "US", "US B2", "8001762", "US 7654321 B2 (2010-01-01)"])
def test_not_a_publication_number(raw):
    assert normalize_publication_number(raw) is None
    assert number_key(raw) is None


def test_number_key_drops_the_kind_so_citations_meet_documents():
    assert number_key("US 8001762 B2") == number_key("US8001762") == "US8001762"
    assert number_key("CN218751475U") == "CN218751475"
    assert split_publication_number("US 2016/0123456 A1") == ("US", "20160123456", "A1")


def test_single_digit_number_stays_idempotent():
    # regression (hypothesis): 'US 05 B1' normalised to 'US5B1', which then did not parse at all
    assert normalize_publication_number("US 05 B1") == "US5B1"
    assert normalize_publication_number("US5B1") == "US5B1"


def test_all_zero_us_number_is_not_a_number():
    # regression (hypothesis): 'US 00U' gave 'US0U', which did not parse again; the SQL macro gives NULL too
    assert normalize_publication_number("US 00U") is None
    assert normalize_publication_number("US 0000000 B2") is None


# --- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "2017-03-15",
        "20170315",
        20170315,
        "20170315.0",
        20170315.0,
        "2017/03/15",
        "2017.03.15",
        "15.03.2017",
        "2017年3月15日",
        "2017-03-15T08:00:00",
        "2017-03-15 00:00:00",
        " 2017-03-15\n",
        "２０１７０３１５",
    ],
)
def test_date_spellings(raw):
    assert parse_date(raw) == date(2017, 3, 15)


@pytest.mark.parametrize(
    "raw",
    [
        "20231345",
        "2023-02-30",
        "1066-01-01",
        "10660101",
        "2999-01-01",
        "29990101",
        "00000000",
        "0",
        0,
        "",
        None,
        "N/A",
        "2017-03",
        "1e7",
    ],
)
def test_impossible_or_empty_dates_are_none(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize("raw", ["202011", "2020111", "20201"])
def test_short_digit_strings_are_not_dates(raw):
    # regression: strptime read '202011' as 2020-01-01 and '2020111' as 2020-11-01
    assert parse_date(raw) is None


def test_date_range_is_relative_to_today():
    assert parse_date("1790-01-01") == MIN_DATE
    assert parse_date("1789-12-31") is None
    assert parse_date("2031-06-01", today=date(2030, 1, 1)) == date(2031, 6, 1)
    assert parse_date("2033-01-01", today=date(2030, 1, 1)) is None


def test_date_objects_pass_through_when_in_range():
    assert parse_date(date(2001, 2, 3)) == date(2001, 2, 3)
    assert parse_date(datetime(2001, 2, 3, 4, 5)) == date(2001, 2, 3)
    # regression (hypothesis): date objects (XLSX cells) skipped the range check that text dates get
    assert parse_date(date(2999, 1, 1)) is None
    assert parse_date(datetime(1066, 10, 14)) is None


# --- classification symbols -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("H01L 21/02", "H01L 21/02"),
        ("H01L21/02", "H01L 21/02"),
        ("h01l21/02", "H01L 21/02"),
        ("H01L  21 / 02", "H01L 21/02"),
        ("H01L 021/02", "H01L 21/02"),
        ("H01L0021020000", "H01L 21/02"),  # USPTO ipcr padded form
        ("H01L0021021400", "H01L 21/0214"),
        ("A61K0031000000", "A61K 31/00"),
        ("H01L 21/02 (2006.01)", "H01L 21/02"),
        ("G06F 17/30(2006.01)I", "G06F 17/30"),
        ("Ｈ０１Ｌ２１／０２", "H01L 21/02"),
        ("Y02P 70/50", "Y02P 70/50"),
        ("H01L 21", "H01L 21/00"),
        ("H01L 21/2", "H01L 21/20"),
        ("H01L 21/20", "H01L 21/20"),
        ("H01L 21/1790", "H01L 21/179"),  # trailing subgroup zeros carry no meaning
        ("H01L", "H01L"),
    ],
)
def test_ipc_spellings(raw, expected):
    assert normalize_ipc(raw) == expected
    assert normalize_ipc(expected) == expected


@pytest.mark.parametrize("raw", [None, "", "X01L 21/02", "H01", "1234", "H01L-21/02", "H01L/21/02"])
def test_unusable_ipc(raw):
    # regression: 'H01L-21/02' used to shrink silently to the bare subclass 'H01L'
    assert normalize_ipc(raw) is None


def test_ipc_parts():
    assert ipc_subclass("H01L 21/02") == "H01L"
    assert ipc_main_group("H01L 21/02") == "H01L 21/00"
    assert ipc_main_group("H01L") is None
    assert ipc_subclass(None) is None


# --- text -----------------------------------------------------------------------------------------------


def test_to_halfwidth_folds_only_the_full_width_block():
    assert to_halfwidth("（重庆）Ａ１\u3000Ｂ") == "(重庆)A1 B"
    assert to_halfwidth("㈱①") == "㈱①"  # meaningful compatibility characters are kept


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "--", "null", "NULL", "None", "nan", "0", "\u3000"])
def test_clean_text_placeholders_are_none(raw):
    assert clean_text(raw) is None


def test_clean_text_collapses_whitespace():
    assert clean_text("  a \t b\n\u00a0c ") == "a b c"
    assert clean_text(12) == "12"


def test_normalize_name():
    assert normalize_name("Sony Corp.") == "SONY CORP"
    assert normalize_name("重庆长安汽车股份有限公司") == "重庆长安汽车股份有限公司"
    assert normalize_name("  ") is None


# --- document types -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "country, kind, expected",
    [
        ("CN", "A", "invention"),
        ("CN", "B", "invention"),
        ("CN", "U", "utility_model"),
        ("CN", "S", "design"),
        ("US", "A1", "application"),
        ("US", "B2", "grant"),
        ("US", "S1", "design"),
        ("US", "P3", "plant"),
        ("US", "E", "reissue"),
        ("EP", "A1", "application"),
        ("EP", "B1", "grant"),
        ("DE", "U1", "utility_model"),
        ("EP", None, None),
        (None, "A", None),
    ],
)
def test_doc_type_from_kind(country, kind, expected):
    assert doc_type_from_kind(country, kind) == expected
