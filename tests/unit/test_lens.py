"""Lens CSV adapter on tiny inline exports (2021 and 2025 layouts)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.normalize import normalize_name
from pipeline.sources import detect_adapter
from pipeline.sources.base import IngestUnit
from pipeline.warehouse.ingest import ingest_paths

HEADER_2021 = (
    '"#",Jurisdiction,Kind,Publication Number,Lens ID,Publication Date,Publication Year,Application Number,'
    "Application Date,Priority Numbers,Earliest Priority Date,Title,Applicants,Inventors,Owners (US),URL,Type,"
    "Has Full Text,Cites Patent Count,Cited by Patent Count,Simple Family Size,Extended Family Size,Sequence Count,"
    "CPC Classifications,IPCR Classifications,US Classifications,NPL Citation Count,NPL Resolved Citation Count,"
    "NPL Resolved Lens ID(s),NPL Resolved External Id(s),NPL Citations"
)
ROWS_2021 = [
    '1,CN,A,CN 110802989 A,001-002-003-004-005,2020-02-18,2020,CN 201911100000 A,2019-11-12,,2019-11-12,'
    '"Engine, with comma",CHONGQING CHANGAN AUTOMOBILE CO LTD;;UNIV CHONGQING,ZHANG SAN;;LI SI,,'
    "https://lens.org/001,Patent Application,no,3,5,2,2,0,F02C7/055;;Z02T50/60,F02C7/055;;F02K1/00,,0,0,,,",
    '2,US,B2,US 8001762 B2,006-007-008-009-010,2011-08-23,2011,US 89029007 A,2007-13-45,,2006-08-04,'
    "Jet thing,EFREMKIN ARTEM P,EFREMKIN ARTEM P,ACME CORP (2012-01-05),https://lens.org/006,Granted Patent,yes,"
    "9,2,4,4,0,,F02C7/08,60/39.5;;60/770,0,0,,,",
    "3,US,B2,US 8001763 B2,too,few,columns",
    '4,RU,C1,,011-012,1999-01-01,1999,,,,,No number,,,,,Granted Patent,no,0,0,1,1,0,,,,0,0,,,',
]
HEADER_2025 = (
    '"#",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,Application Number,'
    "Application Date,Priority Numbers,Earliest Priority Date,Title,Abstract,Applicants,Inventors,Owners,URL,"
    "Document Type,Has Full Text,Cites Patent Count,Cited by Patent Count,Simple Family Size,Simple Family Members,"
    "Simple Family Member Jurisdictions,Extended Family Size,Extended Family Members,"
    "Extended Family Member Jurisdictions,Sequence Count,CPC Classifications,IPCR Classifications,US Classifications,"
    "NPL Citation Count,NPL Resolved Citation Count,NPL Resolved Lens ID(s),NPL Resolved External ID(s),"
    "NPL Citations,Legal Status"
)
ROWS_2025 = [
    '1,US,A1,US 2014/0366507 A1,100-200,2014-12-18,2014,US 201414300000 A,2014-06-10,,2013-06-11,Gene thing,'
    '"An abstract, with ""quotes"".",SANGAMO THERAPEUTICS INC,DOE JANE;;ROE RICHARD,'
    "SANGAMO THERAPEUTICS INC (2017-01-05);;OTHER CO (2019-02-03),https://lens.org/100,Patent Application,yes,"
    "0,7,18,a;;b,WO;;US,18,a;;b,WO;;US,72,C12N9/22,C12N9/22;;A61K38/46,,0,0,,,,PENDING",
]


def write(path: Path, header: str, rows: list[str], *, bom: bool = False) -> Path:
    text = header + "\r\n" + "\r\n".join(rows) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_sniffs_both_layouts(tmp_path: Path) -> None:
    old = write(tmp_path / "a.csv", HEADER_2021, ROWS_2021)
    new = write(tmp_path / "b.csv", HEADER_2025, ROWS_2025, bom=True)
    assert detect_adapter(IngestUnit(old, (old,))).format == "lens_csv"
    assert detect_adapter(IngestUnit(new, (new,))).format == "lens_csv"


def test_2021_rows_load_and_bad_rows_are_quarantined(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    (result,) = ingest_paths(con, [write(tmp_path / "a.csv", HEADER_2021, ROWS_2021)]).files
    assert result.status == "loaded", result.message
    assert (result.records_read, result.patents_loaded, result.quarantined) == (4, 2, 2)
    patents = con.execute(
        "select patent_id, doc_type, title, application_date, priority_date::varchar, cited_by_count_reported, "
        "cites_count_reported, family_size from core.patent order by 1"
    ).fetchall()
    assert patents == [
        ("CN110802989A", "invention", "Engine, with comma", patents[0][3], "2019-11-12", 5, 3, 2),
        ("US8001762B2", "grant", "Jet thing", None, "2006-08-04", 2, 9, 4),
    ]
    quarantine = dict(con.execute("select record_locator, reason || '|' || action from core.quarantine").fetchall())
    assert quarantine["row 3"] == "7 fields, header has 31|rejected"
    assert quarantine["row 4"] == "no usable publication number|rejected"
    assert "unparseable Application Date '2007-13-45'" in quarantine["row 2"]
    assert quarantine["row 2"].endswith("repaired")
    assert "'Z02T50/60' not usable" in quarantine["row 1"]
    parties = con.execute(
        "select patent_id, role, name_norm, country from core.patent_party order by patent_id, sequence"
    ).fetchall()
    assert parties == [
        ("CN110802989A", "applicant", "CHONGQING CHANGAN AUTOMOBILE CO LTD", None),
        ("CN110802989A", "applicant", "UNIV CHONGQING", None),
        ("CN110802989A", "inventor", "ZHANG SAN", None),
        ("CN110802989A", "inventor", "LI SI", None),
        ("US8001762B2", "applicant", "EFREMKIN ARTEM P", None),
        ("US8001762B2", "inventor", "EFREMKIN ARTEM P", None),
        ("US8001762B2", "assignee", "ACME CORP", None),
    ]
    classes = con.execute(
        "select patent_id, scheme, symbol, is_main from core.classification order by patent_id, sequence"
    ).fetchall()
    assert ("CN110802989A", "CPC", "F02C 7/055", True) in classes
    assert ("CN110802989A", "IPC", "F02K 1/00", False) in classes
    assert ("US8001762B2", "USPC", "60/770", False) in classes
    assert con.execute("select count(*) from core.citation").fetchall() == [(0,)]


def test_2025_layout_with_bom_owners_and_abstract(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    (result,) = ingest_paths(con, [write(tmp_path / "b.csv", HEADER_2025, ROWS_2025, bom=True)]).files
    assert result.status == "loaded", result.message
    row = con.execute(
        "select patent_id, doc_type, abstract, legal_status, family_size, source_url from core.patent"
    ).fetchall()
    assert row == [("US20140366507A1", "application", 'An abstract, with "quotes".', "PENDING", 18,
                    "https://lens.org/100")]
    owners = con.execute("select name_raw, name_norm from core.patent_party where role = 'assignee' order by sequence")
    assert owners.fetchall() == [("SANGAMO THERAPEUTICS INC", normalize_name("SANGAMO THERAPEUTICS INC")),
                                 ("OTHER CO", "OTHER CO")]
