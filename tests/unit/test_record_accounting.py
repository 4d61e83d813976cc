"""Record accounting: every framed record is loaded, merged into its first copy, or rejected, and a file whose
counts do not add up is refused (issue 16)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline import sources
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.sources.framing import check_row, frame_csv_records, frame_lines
from pipeline.warehouse.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
G_PATENT = ROOT / "data" / "sample" / "patentsview" / "g_patent.tsv"


def counts(con: duckdb.DuckDBPyConnection) -> tuple[object, ...] | None:
    return con.execute(
        "select status, framed_count, patents_loaded_count, merged_duplicate_count, rejected_count, repaired_count, "
        "is_framed_by_adapter from core.ingest_file"
    ).fetchone()


def real_g_patent_rows(n: int) -> tuple[str, list[str]]:
    header, *rows = G_PATENT.read_text(encoding="utf-8").splitlines(keepends=True)
    return header, rows[:n]


def test_an_unclosed_quote_in_g_patent_costs_only_its_own_row(con, tmp_path):
    """The held-out case of issue 16: 40 valid rows and one whose title opens a quote that never closes."""
    header, valid = real_g_patent_rows(40)
    fields = valid[20].split("\t")
    fields[0] = "3999999"  # a number of its own, so the bad row cannot pass for one of the 40
    fields[3] = '"' + fields[3]
    bad = "\t".join(fields)
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_text(header + "".join(valid[:20]) + bad + "".join(valid[20:]), encoding="utf-8")

    (result,) = ingest_paths(con, [bundle]).files

    assert result.status == "loaded", result.message
    loaded = {row[0] for row in con.execute("select number_key from core.patent").fetchall()}
    assert loaded == {"US" + row.split("\t")[0].lstrip("0") for row in valid}
    rejected = con.execute(
        "select record_locator, reason from core.quarantine where action = 'rejected'"
    ).fetchall()
    assert [locator for locator, _ in rejected] == ["g_patent.tsv line 22"]  # header is line 1
    assert rejected[0][1].startswith("malformed row: UNQUOTED VALUE")
    assert counts(con)[:5] == ("loaded", 41, 40, 0, 1)


def test_counts_are_stored_and_duplicates_are_merged_not_rejected(con, tmp_path):
    header, valid = real_g_patent_rows(5)
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_text(header + "".join(valid) + valid[1] + "7\tutility\n", encoding="utf-8")

    ingest_paths(con, [bundle])

    status, framed, loaded, merged, rejected, repaired, by_adapter = counts(con)
    assert (status, framed, loaded, merged, rejected, by_adapter) == ("loaded", 7, 5, 1, 1, True)
    assert repaired == 5  # the 1976 rows say B2, which did not exist before 2001: kind repaired, row loaded


class LosingAdapter:
    """Frames three records but hands only two to the sink: the silent loss the balance check exists for."""

    format = "losing"
    source = "lens"

    def sniff(self, unit: IngestUnit) -> bool:
        return unit.head(6) == b"#loses"

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        sink.framed = 3
        for number in ("US1111111B1", "US2222222B1"):
            sink.add_document(number, {"patent_id": number, "number_key": number[:9], "jurisdiction": "US"})


class NotFramingAdapter(LosingAdapter):
    format = "not_framing"

    def sniff(self, unit: IngestUnit) -> bool:
        return unit.head(6) == b"#nofrm"

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        super().read(unit, sink)
        sink.framed = 0


def test_a_file_whose_records_do_not_add_up_is_failed_with_the_difference(con, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "adapters", lambda: [LosingAdapter()])
    path = tmp_path / "toy.txt"
    path.write_text("#loses\n", encoding="utf-8")

    (result,) = ingest_paths(con, [path]).files

    assert result.status == "failed"
    assert result.message == (
        "records do not add up: 3 framed but 2 loaded + 0 merged duplicates + 0 rejected (1 unaccounted for); "
        "not loaded"
    )
    assert con.execute("select count(*) from raw.patent").fetchone() == (0,)
    assert counts(con) == ("failed", 3, 0, 0, 0, 0, True)


def test_an_adapter_that_does_not_frame_yet_still_loads(con, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "adapters", lambda: [NotFramingAdapter()])
    path = tmp_path / "toy.txt"
    path.write_text("#nofrm\n", encoding="utf-8")

    (result,) = ingest_paths(con, [path]).files

    assert result.status == "loaded", result.message
    assert counts(con) == ("loaded", 2, 2, 0, 0, 0, False)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"1\t2\t3", None),
        (b'1\t"a""b"\t3', None),
        (b'1\tsay "x" here\t3', None),
        (b'1\t"open\t3', "UNQUOTED VALUE"),
        (b'1\t"x" y\t3', "UNQUOTED VALUE"),
        (b"1\t2", "MISSING COLUMNS"),
        (b"1\t2\t3\t4", "TOO MANY COLUMNS"),
        (b"1\t\x002\t3", "NUL BYTE"),
        (b"1\t2\r\t3", "STRAY NEWLINE"),
        (b"1\t\xff\t3", "INVALID ENCODING"),
    ],
)
def test_check_row(line, reason):
    text, why = check_row(line, "\t", 3)
    assert (why or "").split(":")[0] == (reason or "")
    assert (text is None) == (reason is not None)


def test_frame_lines_keeps_line_numbers_and_reads_the_original_when_clean(tmp_path):
    clean = tmp_path / "clean.tsv"
    clean.write_bytes(b"a\tb\n1\t2\n\n3\t4\n")
    framing = frame_lines(clean, tmp_path / "copy.tsv", ["a", "b"])
    assert (framing.path, framing.framed, framing.bad) == (clean, 2, [])

    damaged = tmp_path / "damaged.tsv"
    damaged.write_bytes(b"a\tb\r\n1\t\"2\r\n3\t4\r\n5\t6\n")
    framing = frame_lines(damaged, tmp_path / "copy.tsv", ["a", "b"])
    assert (framing.framed, [b.line_no for b in framing.bad]) == (3, [2])
    assert framing.path.read_text() == "a\tb\n\n3\t4\n5\t6\n"


def test_frame_csv_records_ends_an_unclosed_quote_at_the_next_row_start():
    lines = ['h1,h2\n', '1,"multi\n', 'line"\n', '2,"never closes\n', '3,ok\n', '4,"also open\n', 'tail\n']
    frames = list(frame_csv_records(lines, lambda line: line[0].isdigit()))
    assert [(first, len(chunk)) for first, chunk in frames] == [(1, 1), (2, 2), (4, 1), (5, 1), (6, 2)]
