"""USPTO XML: splitting weekly files, hostile and broken documents, field extraction across DTD versions."""

from __future__ import annotations

from pathlib import Path

from pipeline.sources.uspto_xml import _fixed_width_ipc, split_documents
from pipeline.warehouse.ingest import ingest_paths

GRANT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>0{number}</doc-number><kind>B2</kind>
<date>20160531</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>14123456</doc-number>
<date>20140102</date></document-id></application-reference>
<classifications-ipcr><classification-ipcr><section>H</section><class>01</class><subclass>L</subclass>
<main-group>21</main-group><subgroup>02</subgroup></classification-ipcr></classifications-ipcr>
<invention-title>{title}</invention-title>
<us-references-cited>
<us-citation><patcit num="00001"><document-id><country>US</country><doc-number>5123456</doc-number><kind>A</kind>
<date>19920600</date></document-id></patcit><category>cited by examiner</category></us-citation>
<us-citation><nplcit num="00002"><othercit>Smith, Journal of Things, 2001</othercit></nplcit>
<category>cited by applicant</category></us-citation>
</us-references-cited>
<number-of-claims>12</number-of-claims>
<us-parties><us-applicants><us-applicant sequence="001" app-type="applicant"><addressbook>
<orgname>Chongqing Example Co., Ltd.</orgname><address><city>Chongqing</city><country>CN</country></address>
</addressbook></us-applicant></us-applicants>
<inventors><inventor sequence="001"><addressbook><last-name>Li</last-name><first-name>Na</first-name>
<address><city>Chongqing</city><country>CN</country></address></addressbook></inventor></inventors></us-parties>
</us-bibliographic-data-grant>
<abstract><p>An example abstract.</p></abstract>
</us-patent-grant>
"""


def grant(number: int, title: str = "Semiconductor device") -> str:
    return GRANT.format(number=number, title=title)




def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_split_finds_each_concatenated_document():
    docs = list(split_documents(iter((grant(9000001) + grant(9000002) + grant(9000003)).encode().splitlines(True))))
    size = grant(9000001).count("\n")
    assert [(n, line) for n, line, _ in docs] == [(1, 1), (2, 1 + size), (3, 1 + 2 * size)]


def test_fields_of_a_v45_grant(con, tmp_path):
    ingest_paths(con, [write(tmp_path / "ipg.xml", grant(9358892))])
    assert con.execute(
        "select patent_id, doc_type, application_date::varchar, grant_date::varchar, claims_count, abstract "
        "from core.patent"
    ).fetchall() == [("US9358892B2", "grant", "2014-01-02", "2016-05-31", 12, "An example abstract.")]
    assert con.execute("select symbol, is_main from core.classification").fetchall() == [("H01L 21/02", True)]
    assert con.execute(
        "select cited_patent_ref, category, cited_date::varchar, is_npl from core.citation order by sequence"
    ).fetchall() == [("US5123456A", "examiner", "1992-06-01", False), (None, "applicant", None, True)]
    assert con.execute("select role, name_raw, city, country from core.patent_party order by role").fetchall() == [
        ("applicant", "Chongqing Example Co., Ltd.", "Chongqing", "CN"),
        ("inventor", "Na Li", "Chongqing", "CN"),
    ]


def test_a_malformed_document_mid_file_is_quarantined_and_the_rest_load(con, tmp_path):
    broken = grant(9000002).replace("</invention-title>", "</invention-titel>")
    path = write(tmp_path / "week.xml", grant(9000001) + broken + grant(9000003) + grant(9000004)[:400])
    report = ingest_paths(con, [path])
    assert report.files[0].patents_loaded == 2
    size = grant(9000001).count("\n")
    rows = con.execute("select record_locator, reason from core.quarantine order by 1").fetchall()
    assert rows[0][0] == f"doc 2 (line {1 + size})" and rows[0][1].startswith("malformed XML: ")
    assert rows[1][0] == f"doc 4 (line {1 + 3 * size})" and "malformed XML" in rows[1][1]


def test_entities_are_never_expanded_or_fetched(con, tmp_path):
    laughs = (
        grant(9000001)
        .replace(
            "[ ]>",
            '[<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
            '<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>',
        )
        .replace("Semiconductor device", "A &lol3; &xxe; &net; title")
    )
    ingest_paths(con, [write(tmp_path / "hostile.xml", laughs)])
    title = con.execute("select coalesce(title, '') from core.patent").fetchone()
    everything = " ".join(str(v) for row in con.execute("select * from core.patent").fetchall() for v in row)
    assert "root:" not in everything and "lollol" not in everything
    assert title is not None and len(title[0]) < 100


def test_fixed_width_ipc_of_v40():
    assert _fixed_width_ipc("A45F  504") == "A45F 5/04"
    assert _fixed_width_ipc("H01L 2102") == "H01L 21/02"
    assert _fixed_width_ipc("G06F 17/30") == "G06F 17/30"
