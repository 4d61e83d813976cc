"""Fuzzing the Chinese export adapter (pipeline/sources/cn_export.py) with random damage to real samples.

Same checks as the other adapters (see harness.py); an XLSX is a zip, so any damage touches all of its records
and only "no traceback, counts balance" is checked there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import Phase, given, settings

from pipeline.warehouse.schema import ensure_schema
from tests.fuzz import harness
from tests.fuzz.harness import Span
from tests.fuzz.test_fuzz_adapters import FUZZ, Fuzzer, Sample, lines

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def whole_file(data: bytes) -> tuple[Span, list[Span]]:
    return (0, len(data)), [(0, len(data))]


SAMPLES = {
    "incopat_csv": Sample("incopat_henan.csv", ROOT / "tests" / "data" / "bad" / "incopat_henan_7rows.csv", lines,
                          is_accounting=True),
    "cnki_xlsx": Sample("cnki.xlsx", ROOT / "data" / "sample" / "cn" / "cnki_material_chemistry_2018_2019.xlsx",
                        whole_file, is_accounting=True),
}


@pytest.fixture(scope="module")
def fuzzers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Fuzzer]]:
    made: dict[str, Fuzzer] = {}
    for name, sample in SAMPLES.items():
        con = duckdb.connect(":memory:")
        ensure_schema(con)
        made[name] = Fuzzer(sample, con, tmp_path_factory.mktemp(name))
    yield made
    print("\ndamaged files ingested per sample:", {name: f.tried for name, f in made.items()})
    for fuzzer in made.values():
        fuzzer.con.close()


# An XLSX ingest costs ~10x a CSV one: fewer examples, and a found failure is not shrunk
XLSX_FUZZ = settings(FUZZ, max_examples=20, phases=[Phase.explicit, Phase.generate])
CSV_FUZZ = settings(FUZZ, phases=[Phase.explicit, Phase.generate])



@CSV_FUZZ
@given(damage=harness.damages(SAMPLES["incopat_csv"].path.stat().st_size))
def test_fuzz_cn_incopat_csv(fuzzers, damage):
    fuzzers["incopat_csv"].run(damage)


@XLSX_FUZZ
@given(damage=harness.damages(SAMPLES["cnki_xlsx"].path.stat().st_size, line_tokens=False))
def test_fuzz_cn_cnki_xlsx(fuzzers, damage):
    fuzzers["cnki_xlsx"].run(damage)


# --- failing examples the fuzz found against the old cn_export reader, kept as regression tests ---


def test_a_bare_carriage_return_in_one_incopat_row_costs_only_that_row(tmp_path):
    data = SAMPLES["incopat_csv"].path.read_bytes()
    _, records = lines(data)
    inside_row_3 = records[2][0] + 40
    path = tmp_path / "incopat.csv"
    path.write_bytes(data[:inside_row_3] + b"\r" + data[inside_row_3:])
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    (result,) = harness.ingest_paths(con, [path]).files
    assert result.status == "loaded", result.message
    assert result.patents_loaded >= len(records) - 1


def test_a_flipped_byte_in_the_xlsx_sheet_is_a_one_line_error_not_a_crash(tmp_path):
    data = bytearray(SAMPLES["cnki_xlsx"].path.read_bytes())
    data[2593] ^= 1  # inside the compressed worksheet: its CRC no longer matches
    path = tmp_path / "cnki.xlsx"
    path.write_bytes(bytes(data))
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    (result,) = harness.ingest_paths(con, [path]).files
    assert result.status == "loaded" or "reader failed" not in (result.message or ""), result.message
