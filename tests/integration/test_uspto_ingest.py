"""USPTO XML samples end to end: document counts per file, re-ingest no-op, values checked against the raw XML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.settings import load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

pytestmark = pytest.mark.integration

SAMPLE = load_settings({}).sample_dir / "uspto"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    path = tmp_path_factory.mktemp("uspto") / "w.duckdb"
    with open_warehouse(path) as con:
        report = ingest_paths(con, [SAMPLE])
    return path, report


def test_every_document_is_loaded_or_quarantined(loaded):
    _, report = loaded
    assert len(report.files) == len(list(SAMPLE.glob("*.xml")))
    for result in report.files:
        declared = Path(result.path).read_bytes().count(b"<?xml")
        assert result.status == "loaded"
        assert result.patents_loaded + result.quarantined == declared, result.path


def test_sequence_listings_are_set_aside_with_their_reason(loaded):
    path, _ = loaded
    with open_warehouse(path, read_only=True) as con:
        reasons = con.execute("select file_name, reason from core.quarantine").fetchall()
    assert reasons and all(r[1] == "not a USPTO patent document: <sequence-cwu>" for r in reasons)


def test_a_known_patent_matches_its_xml(loaded):
    path, _ = loaded
    text = (SAMPLE / "go-uspto_v4-5-B2.xml").read_text(encoding="utf-8")
    title = re.search(r"<invention-title[^>]*>(.*?)</invention-title>", text, re.S).group(1)
    cited = len(re.findall(r"<us-citation>\s*<patcit", text))
    with open_warehouse(path, read_only=True) as con:
        row = con.execute("select title from core.patent where patent_id = 'US11147202B2'").fetchone()
        count = con.execute(
            "select count(*) from core.citation where citing_patent_id = 'US11147202B2' and not is_npl"
        ).fetchone()
    assert row == (" ".join(title.split()),)
    assert count == (cited,)


def test_reingest_changes_nothing(loaded):
    path, _ = loaded
    with open_warehouse(path) as con:
        tables = ["core.patent", "core.patent_party", "core.classification", "core.citation", "core.quarantine"]
        before = {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}
        report = ingest_paths(con, [SAMPLE])
        assert {f.status for f in report.files} == {"unchanged"}
        assert {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables} == before
