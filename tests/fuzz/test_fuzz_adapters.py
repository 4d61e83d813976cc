"""Fuzzing every adapter PatentNav owns with random damage to a real sample (issue 16).

Derandomised hypothesis (the same examples every run), bounded so that the module stays well under a minute;
every failing example found is kept below as a named regression test. The Chinese exports are fuzzed apart, in
test_fuzz_cn_export.py. See harness.py for what "untouched" means and what is checked.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings

from pipeline.warehouse.schema import ensure_schema
from tests.fuzz import harness
from tests.fuzz.harness import Damage, Span

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 40
FUZZ = settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Sample:
    """A real file to damage; others: members of its PatentsView bundle that stay whole."""

    name: str
    path: Path
    frame: Callable[[bytes], tuple[Span, list[Span]]]
    bundle: tuple[Path, ...] = ()
    is_accounting: bool = True  # the adapter frames its records (False: cn_export, until its rewrite lands)


def lines(data: bytes) -> tuple[Span, list[Span]]:
    return harness.line_spans(data)


def uspto(data: bytes) -> tuple[Span, list[Span]]:
    return (0, 4096), harness.uspto_spans(data)


def epo(data: bytes) -> tuple[Span, list[Span]]:
    return (0, 2048), harness.element_spans(data, b"exchange-document")


PV = ROOT / "tests" / "data" / "fuzz" / "patentsview_nvidia"
SAMPLES = {
    "uspto_xml": Sample("ipg080101.xml", ROOT / "tests" / "data" / "bad" / "uspto_ipg080101_3docs.xml", uspto),
    "g_patent": Sample("g_patent.tsv", PV / "g_patent.tsv", lines, (PV / "g_patent_abstract.tsv",)),
    "g_patent_1976": Sample("g_patent.tsv", ROOT / "tests" / "data" / "bad" / "g_patent_10rows.tsv", lines),
    "g_patent_abstract": Sample("g_patent_abstract.tsv", PV / "g_patent_abstract.tsv", lines, (PV / "g_patent.tsv",)),
    "lens_csv": Sample("lens.csv", ROOT / "tests" / "data" / "bad" / "lens_v2025_6rows.csv", lines),
    "epo_ops_xml": Sample("ops.xml", ROOT / "data" / "sample" / "epo" / "ops_biblio_EP2400812_EP2533477.xml", epo),
    "cnipa_xml": Sample("cnipa.xml", ROOT / "tests" / "data" / "fuzz" / "cnipa_3docs.xml", uspto),
}


class Fuzzer:
    """One warehouse per sample: the undamaged file loaded once, then each damaged copy under a new path."""

    def __init__(self, sample: Sample, con: duckdb.DuckDBPyConnection, root: Path) -> None:
        self.sample, self.con, self.root = sample, con, root
        self.counter = itertools.count()
        self.data = sample.path.read_bytes()
        self.file_span, self.records = sample.frame(self.data)
        self.baseline = harness.ingest(con, self.write(self.data))
        assert self.baseline.result.status == "loaded", self.baseline.result.message
        self.by_record = self.patent_by_record()
        self.tried = 0
        self.outcomes: dict[bytes, harness.Outcome] = {}

    def patent_by_record(self) -> dict[int, str]:
        by_record = harness.baseline_by_record(self.con, self.baseline)
        if self.sample.name == "g_patent_abstract.tsv":
            # the abstract line of a patent: its record is the patent, wherever g_patent lists it
            ids = [line.split(b"\t")[0].decode() for line in self.data.splitlines()[1:]]
            by_id = {pid.removeprefix("US").rstrip("ABS").lstrip("0"): pid for pid in by_record.values()}
            return {n: by_id[i.lstrip("0")] for n, i in enumerate(ids, start=1) if i.lstrip("0") in by_id}
        return by_record

    def write(self, data: bytes) -> Path:
        folder = self.root / f"case{next(self.counter)}"
        folder.mkdir()
        if not self.sample.bundle and not self.sample.name.startswith("g_"):
            target = folder / self.sample.name
            target.write_bytes(data)
            return target
        bundle = folder / "pv"
        bundle.mkdir()
        (bundle / self.sample.name).write_bytes(data)
        for member in self.sample.bundle:
            (bundle / member.name).write_bytes(member.read_bytes())
        return bundle

    def run(self, damage: Damage) -> None:
        damaged, span = damage.apply(self.data, self.records)
        if not damaged or damaged == self.data:
            return  # truncated to nothing ("file is empty": test_bad_input), or the bytes did not change
        if damaged not in self.outcomes:  # hypothesis replays a failing example: give it the same outcome
            self.outcomes[damaged] = harness.ingest(self.con, self.write(damaged))
            self.tried += 1
        harness.check(self.baseline, self.by_record, self.records, self.file_span, self.outcomes[damaged], span,
                      header_binds_all=self.sample.frame is lines, is_accounting=self.sample.is_accounting)


@pytest.fixture(scope="module")
def fuzzers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Fuzzer]]:
    made: dict[str, Fuzzer] = {}
    cons: list[duckdb.DuckDBPyConnection] = []

    def get(name: str) -> Fuzzer:
        if name not in made:
            con = duckdb.connect(":memory:")
            ensure_schema(con)
            cons.append(con)
            made[name] = Fuzzer(SAMPLES[name], con, tmp_path_factory.mktemp(name))
        return made[name]

    yield _Lazy(get)  # type: ignore[misc]
    print("\ndamaged files ingested per sample:", {name: f.tried for name, f in made.items()})
    for con in cons:
        con.close()


class _Lazy(dict):  # type: ignore[type-arg]
    def __init__(self, get: Callable[[str], Fuzzer]) -> None:
        super().__init__()
        self._get = get

    def __missing__(self, key: str) -> Fuzzer:
        return self._get(key)


def size(name: str) -> int:
    return SAMPLES[name].path.stat().st_size


@FUZZ
@given(damage=harness.damages(size("uspto_xml"), line_tokens=False))
def test_fuzz_uspto_xml(fuzzers, damage):
    fuzzers["uspto_xml"].run(damage)


@FUZZ
@given(damage=harness.damages(size("g_patent")))
def test_fuzz_patentsview_g_patent(fuzzers, damage):
    fuzzers["g_patent"].run(damage)


@FUZZ
@given(damage=harness.damages(size("g_patent_1976")))
def test_fuzz_patentsview_g_patent_with_repairs(fuzzers, damage):
    fuzzers["g_patent_1976"].run(damage)


@FUZZ
@given(damage=harness.damages(size("g_patent_abstract")))
def test_fuzz_patentsview_g_patent_abstract(fuzzers, damage):
    fuzzers["g_patent_abstract"].run(damage)


@FUZZ
@given(damage=harness.damages(size("lens_csv")))
def test_fuzz_lens_csv(fuzzers, damage):
    fuzzers["lens_csv"].run(damage)


@FUZZ
@given(damage=harness.damages(size("epo_ops_xml"), line_tokens=False))
def test_fuzz_epo_ops_xml(fuzzers, damage):
    fuzzers["epo_ops_xml"].run(damage)


@FUZZ
@given(damage=harness.damages(size("cnipa_xml"), line_tokens=False))
def test_fuzz_cnipa_xml(fuzzers, damage):
    fuzzers["cnipa_xml"].run(damage)


# --- failing examples the fuzz found, kept as regression tests ------------------------------------------------
# (each failed before issue 16: the damage cost records it did not touch, or the whole file)


def pv_bundle(tmp_path: Path, g_patent: bytes, abstract: bytes | None = None) -> Path:
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_bytes(g_patent)
    (bundle / "g_patent_abstract.tsv").write_bytes(abstract or (PV / "g_patent_abstract.tsv").read_bytes())
    return bundle


def loaded_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("select number_key from raw.patent").fetchall()}


def pv_keys(data: bytes) -> set[str]:
    return {"US" + line.split(b"\t")[0].decode().lstrip("0") for line in data.splitlines()[1:]}


def test_a_carriage_return_before_one_line_end_costs_nothing(con, tmp_path):
    """DuckDB refused the whole g_patent file when its line ends changed from LF to CRLF part-way."""
    data = (PV / "g_patent.tsv").read_bytes()
    third = data.index(b"\n", data.index(b"\n", data.index(b"\n") + 1) + 1)
    bundle = pv_bundle(tmp_path, data[:third] + b"\r" + data[third:])
    (result,) = harness.ingest_paths(con, [bundle]).files
    assert result.status == "loaded", result.message
    assert loaded_ids(con) == pv_keys(data)


def test_an_unclosed_quote_in_one_abstract_keeps_the_abstracts_after_it(con, tmp_path):
    abstract = (PV / "g_patent_abstract.tsv").read_bytes().splitlines(keepends=True)
    patent_id, text = abstract[3].split(b"\t", 1)
    abstract[3] = patent_id + b'\t"' + text
    (result,) = harness.ingest_paths(con, [pv_bundle(tmp_path, (PV / "g_patent.tsv").read_bytes(),
                                                     b"".join(abstract))]).files
    assert result.status == "loaded", result.message
    with_abstract = con.execute("select count(*) from raw.patent where abstract is not null").fetchone()
    assert with_abstract == (len(abstract) - 2,)  # all but the damaged one
    assert con.execute("select record_locator from core.quarantine where action = 'rejected'").fetchall() == [
        ("g_patent_abstract.tsv line 4",)
    ]


def test_a_damaged_xml_declaration_costs_only_its_own_document(con, tmp_path):
    """The weekly file was split only at <?xml lines, so a damaged declaration merged the document into the one
    before it and both were set aside."""
    data = SAMPLES["uspto_xml"].path.read_bytes()
    second = harness.uspto_spans(data)[1][0]
    path = tmp_path / "ipg.xml"
    path.write_bytes(data[:second] + b"??xml" + data[second + 5 :])
    (result,) = harness.ingest_paths(con, [path]).files
    assert result.status == "loaded", result.message
    assert (result.patents_loaded, result.quarantined) == (2, 1)
    assert con.execute("select framed_count, rejected_count from core.ingest_file").fetchone() == (3, 1)


def test_a_truncated_ops_response_loads_the_documents_before_the_cut(con, tmp_path):
    """The OPS response was parsed as one tree, so a cut anywhere failed the whole file."""
    data = SAMPLES["epo_ops_xml"].path.read_bytes()
    spans = harness.element_spans(data, b"exchange-document")
    path = tmp_path / "ops.xml"
    path.write_bytes(data[: (spans[2][0] + spans[2][1]) // 2])
    (result,) = harness.ingest_paths(con, [path]).files
    assert result.status == "loaded", result.message
    assert (result.patents_loaded, result.quarantined) == (2, 1)


def test_an_ops_document_whose_start_tag_was_damaged_is_set_aside_not_lost(con, tmp_path):
    data = SAMPLES["epo_ops_xml"].path.read_bytes()
    second = harness.element_spans(data, b"exchange-document")[1][0]
    path = tmp_path / "ops.xml"
    path.write_bytes(data[: second + 1] + b"X" + data[second + 2 :])
    (result,) = harness.ingest_paths(con, [path]).files
    assert result.status == "loaded", result.message
    assert con.execute("select framed_count, patents_loaded_count, rejected_count from core.ingest_file"
                       ).fetchone() == (3, 2, 1)
