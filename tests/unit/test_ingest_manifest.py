"""Manifest and merge semantics, with a toy adapter so only the framework is under test.

Toy format: first line `#toy <source>`, then `number|title|applicant|cited,cited`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline import sources
from pipeline.errors import IngestError
from pipeline.normalize import normalize_publication_number, number_key
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import ensure_schema


class ToyAdapter:
    format = "toy"
    source = "lens"

    def sniff(self, unit: IngestUnit) -> bool:
        return unit.head(4) == b"#toy"

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        lines = unit.members[0].read_text(encoding="utf-8").splitlines()
        sink.source = lines[0].split()[1]
        if "BOOM" in lines[0]:
            raise IngestError(unit.path, "toy reader gave up")
        for line_no, line in enumerate(lines[1:], start=2):
            parts = line.split("|")
            if len(parts) != 4:
                sink.quarantine(f"line {line_no}", f"expected 4 fields, found {len(parts)}", line)
                continue
            number, title, applicant, cited = parts
            patent_id = normalize_publication_number(number)
            sink.add_document(
                f"line {line_no}",
                {
                    "patent_id": patent_id,
                    "number_key": number_key(number),
                    "jurisdiction": number[:2],
                    "title": title or None,
                },
                parties=[{"role": "applicant", "name_raw": applicant}],
                citations=[
                    {
                        "cited_ref_raw": c,
                        "cited_patent_ref": normalize_publication_number(c),
                        "cited_number_key": number_key(c),
                    }
                    for c in cited.split(",")
                    if c
                ],
                raw=line,
            )


@pytest.fixture
def con(monkeypatch):
    monkeypatch.setattr(sources, "adapters", lambda: [ToyAdapter()])
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    yield connection
    connection.close()


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def content(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        "core.patent",
        "core.patent_party",
        "core.party",
        "core.citation",
        "core.quarantine",
        "raw.patent",
        "raw.citation",
    ]
    snapshot = {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}
    snapshot["manifest"] = con.execute(
        "select file_id, path, sha256, status, patents_loaded_count, quarantined_count "
        "from core.ingest_file order by all"
    ).fetchall()
    return snapshot


def test_reingesting_the_same_files_changes_nothing(con, tmp_path):
    write(tmp_path / "a.txt", "#toy lens", "US 8001762 B2|Engine|ACME|US 7000001 B1", "US7000001B1|Old|ACME|")
    first = ingest_paths(con, [tmp_path])
    assert [f.status for f in first.files] == ["loaded"]
    before = content(con)
    second = ingest_paths(con, [tmp_path])
    assert [f.status for f in second.files] == ["unchanged"]
    assert content(con) == before


def test_citations_resolve_to_documents_in_the_corpus(con, tmp_path):
    write(tmp_path / "a.txt", "#toy lens", "US8001762B2|Engine|ACME|US 7000001,US 123", "US7000001B1|Old|ACME|")
    ingest_paths(con, [tmp_path])
    rows = con.execute("select cited_number_key, cited_patent_id from core.citation order by 1").fetchall()
    assert rows == [("US123", None), ("US7000001", "US7000001B1")]


def test_a_changed_file_replaces_its_earlier_rows(con, tmp_path):
    path = write(tmp_path / "a.txt", "#toy lens", "US1111111B1|One|ACME|", "US2222222B1|Two|ACME|US1111111")
    ingest_paths(con, [path])
    write(path, "#toy lens", "US2222222B1|Two revised|ACME|", "US3333333B1|Three|ACME|")
    report = ingest_paths(con, [path])
    assert [f.status for f in report.files] == ["loaded"]
    assert con.execute("select patent_id, title from core.patent order by 1").fetchall() == [
        ("US2222222B1", "Two revised"),
        ("US3333333B1", "Three"),
    ]
    assert con.execute("select count(*) from core.citation").fetchone() == (0,)
    assert con.execute("select status, count(*) from core.ingest_file group by 1 order by 1").fetchall() == [
        ("loaded", 1),
        ("superseded", 1),
    ]


def test_removing_a_cited_document_unlinks_the_citation(con, tmp_path):
    cited = write(tmp_path / "cited.txt", "#toy lens", "US1111111B1|One|ACME|")
    write(tmp_path / "citing.txt", "#toy lens", "US2222222B1|Two|ACME|US1111111")
    ingest_paths(con, [tmp_path])
    assert con.execute("select cited_patent_id from core.citation").fetchone() == ("US1111111B1",)
    write(cited, "#toy lens", "US4444444B1|Four|ACME|")
    ingest_paths(con, [cited])
    assert con.execute("select cited_patent_id from core.citation").fetchone() == (None,)


def test_same_content_under_another_path_is_not_loaded_twice(con, tmp_path):
    write(tmp_path / "a.txt", "#toy lens", "US1111111B1|One|ACME|")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "copy.txt", "#toy lens", "US1111111B1|One|ACME|")
    report = ingest_paths(con, [tmp_path])
    assert sorted(f.status for f in report.files) == ["duplicate", "loaded"]
    assert con.execute("select count(*) from raw.patent").fetchone() == (1,)


def test_one_patent_in_two_sources_keeps_the_richer_record(con, tmp_path):
    write(tmp_path / "lens.txt", "#toy lens", "US1111111B1|From Lens|ACME|")
    write(tmp_path / "xml.txt", "#toy uspto_xml", "US1111111B1|From USPTO|ACME CORP|")
    ingest_paths(con, [tmp_path])
    assert con.execute("select title, source, duplicate_record_count from core.patent").fetchall() == [
        ("From USPTO", "uspto_xml", 2)
    ]
    assert con.execute("select name_raw from core.patent_party").fetchall() == [("ACME CORP",)]


def test_bad_records_are_quarantined_and_the_rest_loads(con, tmp_path):
    write(
        tmp_path / "a.txt",
        "#toy lens",
        "US1111111B1|One|ACME|",
        "broken line",
        "not a number|x|y|",
        "US1111111B1|Dup|ACME|",
        "US2222222B1|Two|ACME|",
    )
    report = ingest_paths(con, [tmp_path])
    assert report.files[0].patents_loaded == 2
    reasons = con.execute("select record_locator, reason from core.quarantine order by 1").fetchall()
    assert reasons[0] == ("line 3", "expected 4 fields, found 1")
    assert reasons[1] == ("line 4", "no usable publication number")
    assert reasons[2][0] == "line 5" and "duplicate of US1111111B1 at line 2" in reasons[2][1]
    assert con.execute("select quarantined_count from core.ingest_file").fetchone() == (3,)


def test_an_unreadable_file_is_recorded_and_the_others_still_load(con, tmp_path):
    write(tmp_path / "bad.txt", "#toy BOOM", "US1111111B1|One|ACME|")
    write(tmp_path / "good.txt", "#toy lens", "US2222222B1|Two|ACME|")
    write(tmp_path / "mystery.csv", "what,is,this")
    report = ingest_paths(con, [tmp_path])
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["good.txt"].status == "loaded"
    assert by_name["bad.txt"].status == "failed" and by_name["bad.txt"].message == "toy reader gave up"
    assert "format not recognised" in (by_name["mystery.csv"].message or "")
    assert con.execute("select count(*) from raw.patent").fetchone() == (1,)
    assert con.execute(
        "select file_name, status from core.ingest_file where status = 'failed' order by 1"
    ).fetchall() == [("bad.txt", "failed"), ("mystery.csv", "failed")]


def test_fields_the_winner_lacks_are_filled_from_the_other_records(con, tmp_path):
    write(tmp_path / "lens.txt", "#toy lens", "US1111111B1|From Lens|ACME|")
    write(tmp_path / "xml.txt", "#toy uspto_xml", "US1111111B1||ACME CORP|")
    ingest_paths(con, [tmp_path])
    # the USPTO record wins (source precedence) and keeps its parties, but it has no title: Lens supplies it
    assert con.execute("select title, source from core.patent").fetchall() == [("From Lens", "uspto_xml")]
    assert con.execute("select name_raw from core.patent_party").fetchall() == [("ACME CORP",)]
