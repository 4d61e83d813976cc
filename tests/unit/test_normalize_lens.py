"""Publication-number spellings seen in Lens exports (letter prefixes outside the US)."""

import pytest

from pipeline.normalize import normalize_publication_number, number_key


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("US 2014/0366507 A1", None, "US20140366507A1"),
        ("CN 110802989 A", None, "CN110802989A"),
        ("EP 2400812 A1", None, "EP2400812A1"),
        ("JP S5791798 A", None, "JPS5791798A"),
        ("TW M451320 U", None, "TWM451320U"),
        ("BR PI0619662 A2", None, "BRPI0619662A2"),
        ("GE P20063949 B", None, "GEP20063949B"),
        ("US 9833479", "B2", "US9833479B2"),
    ],
)
def test_lens_spellings_normalise(raw: str, kind: str | None, expected: str) -> None:
    assert normalize_publication_number(raw, kind) == expected


def test_us_letter_prefixes_stay_strict() -> None:
    # the wider prefix set is for other offices; a US number with an unknown prefix is still refused
    assert normalize_publication_number("US S123456 B1") is None
    assert number_key("JP S5791798 A") == "JPS5791798"
