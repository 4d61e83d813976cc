"""CNIPA XML quirks on tiny inline documents: double-written parties, `0` parts, a DOCTYPE naming a missing
entity file, named entities, BOM, zip archives with a broken member, folder units, numbers, sniffing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.sources import detect_adapter, discover_units
from pipeline.sources.base import IngestUnit
from pipeline.sources.cnipa_xml import ADAPTER, application_number, document_to_record, split_postcode
from pipeline.warehouse.ingest import ingest_paths

HEAD = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
DOCTYPE = '<!DOCTYPE business:PatentDocumentAndRelated SYSTEM "/DTDS/ExternalStandards/ipphdb-entities.dtd"[]>\n'
ROOT = (
    '<business:PatentDocumentAndRelated xmlns:base="http://www.sipo.gov.cn/XMLSchema/base" '
    'xmlns:business="http://www.sipo.gov.cn/XMLSchema/business" lang="zh" country="CN">'
)


def address(province="重庆市", city="重庆市", county="沙坪坝区", postcode="401331", text=None, country="CN"):
    text = text if text is not None else f"{postcode} {province}{county}西永大道1号"
    parts = "".join(f"<base:{t}>0</base:{t}>" for t in ("AddressLine", "Street", "AddressCity"))
    return (
        f"<base:Address>{parts}<base:County>{county}</base:County><base:City>{city}</base:City>"
        f"<base:Province>{province}</base:Province><base:PostCode>{postcode}</base:PostCode>"
        f"<base:WIPOST3Code>{country}</base:WIPOST3Code><base:Text>{text}</base:Text></base:Address>"
    )


def applicant(seq, name, fmt="original", addr=""):
    return (
        f'<business:Applicant sequence="{seq}" appType="applicant" dataFormat="{fmt}">'
        f"<base:AddressBook><base:Name>{name}</base:Name>{addr}</base:AddressBook></business:Applicant>"
    )


def document(number="111111111", kind="A", applicants="", inventors="", title="一种装置", doctype=True, extra=""):
    inventors = inventors or (
        '<business:Inventor sequence="1" dataFormat="original"><base:AddressBook><base:Name>王伟</base:Name>'
        "</base:AddressBook></business:Inventor>"
    )
    return (
        HEAD
        + (DOCTYPE if doctype else "")
        + ROOT
        + "<business:BibliographicData>"
        + f'<business:PublicationReference dataFormat="standard"><base:DocumentID><base:WIPOST3Code>CN'
        f"</base:WIPOST3Code><base:DocNumber>{number}</base:DocNumber><base:Kind>{kind}</base:Kind>"
        "<base:Date>20200601</base:Date></base:DocumentID></business:PublicationReference>"
        '<business:ApplicationReference dataFormat="standard"><base:DocumentID><base:WIPOST3Code>CN'
        "</base:WIPOST3Code><base:DocNumber>102016000058726</base:DocNumber><base:Date>20200102</base:Date>"
        "</base:DocumentID></business:ApplicationReference>"
        '<business:ClassificationIPCRDetails><business:ClassificationIPCR sequence="1">'
        "<base:Text>H01L   23/31    (2006.01)</base:Text></business:ClassificationIPCR>"
        '<business:ClassificationIPCR sequence="2"><base:Text>G06F    9/50    (2006.01)</base:Text>'
        "</business:ClassificationIPCR></business:ClassificationIPCRDetails>"
        f'<business:InventionTitle lang="zh">{title}</business:InventionTitle>'
        f"<business:Parties><business:ApplicantDetails>{applicants or applicant(1, '重庆某某科技有限公司')}"
        f"</business:ApplicantDetails><business:InventorDetails>{inventors}</business:InventorDetails>"
        f"</business:Parties>{extra}</business:BibliographicData>"
        '<business:Abstract lang="zh"><base:Paragraphs>本发明公开了一种装置。</base:Paragraphs></business:Abstract>'
        "</business:PatentDocumentAndRelated>\n"
    )




def parties(con, role="applicant"):
    return con.execute(
        "select name_raw, country, state, city, county, postcode, address_raw from core.patent_party "
        "where role = $r order by patent_id, sequence",
        {"r": role},
    ).fetchall()


def test_a_party_written_standard_and_original_is_one_row(con, tmp_path):
    applicants = (
        applicant(1, "重庆渝芯微电子有限公司", "standard", address(text="0"))
        + applicant(1, "重庆渝芯微电子有限公司（原文）", "original", address(text="401331 重庆市沙坪坝区西永大道1号"))
        + applicant(2, "渝州理工大学", "original")
        + applicant(2, "渝州理工大学", "standard")
    )
    path = tmp_path / "doc.xml"
    path.write_text(document(applicants=applicants), encoding="utf-8")
    report = ingest_paths(con, [path])
    assert report.files[0].status == "loaded", report.files[0].message
    assert parties(con) == [
        # the name of the standard copy; the address text only the original copy has
        ("重庆渝芯微电子有限公司", "CN", "重庆市", "重庆市", "沙坪坝区", "401331", "重庆市沙坪坝区西永大道1号"),
        ("渝州理工大学", None, None, None, None, None, None),
    ]
    assert con.execute("select application_number, application_date::varchar from core.patent").fetchone() == (
        "CN201610058726.X",  # check digit as the real original copy writes it (xy-inv a.XML)
        "2020-01-02",
    )


def test_zero_parts_are_null_and_a_foreign_applicant_keeps_country_and_text(con, tmp_path):
    foreign = address(province="0", city="0", county="0", postcode="0", text="韩国京畿道", country="KR")
    path = tmp_path / "doc.xml"
    path.write_text(document(applicants=applicant(1, "三星显示有限公司", addr=foreign)), encoding="utf-8")
    ingest_paths(con, [path])
    assert parties(con) == [("三星显示有限公司", "KR", None, None, None, None, "韩国京畿道")]


def test_missing_entity_file_and_named_entities_neither_fetch_nor_fail(con, tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(document(title="一种&Gamma;型&alpha;装置&lt;1&gt;&nosuchentity;"), encoding="utf-8")
    report = ingest_paths(con, [path])
    assert report.files[0].status == "loaded", report.files[0].message
    assert con.execute("select title from core.patent").fetchone() == ("一种Γ型α装置<1>&nosuchentity;",)
    # the same document without its DOCTYPE (an undeclared entity is fatal to a plain XML parser) reads alike
    record = document_to_record(document(title="&Gamma;", doctype=False).encode())
    assert record[0]["title"] == "Γ"


def test_an_entity_declared_in_the_document_is_not_expanded(tmp_path):
    hostile = document(title="&xxe;").replace(
        DOCTYPE, '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    )
    patent, _, _ = document_to_record(hostile.encode())
    assert patent["title"] == "&xxe;"


def test_utf8_bom_is_read(con, tmp_path):
    path = tmp_path / "bom.XML"
    path.write_bytes(b"\xef\xbb\xbf" + document().encode())
    unit = IngestUnit(path, (path,))
    assert detect_adapter(unit).format == "cnipa_xml"
    report = ingest_paths(con, [path])
    assert report.files[0].patents_loaded == 1


def test_zip_with_a_broken_member_quarantines_it_and_loads_the_others(con, tmp_path):
    archive = tmp_path / "week.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a/CN111111111A.XML", document("111111111"))
        zf.writestr("a/CN222222222A.XML", document("222222222")[:-200])  # truncated
        zf.writestr("b/CN333333333A.XML", document("333333333"))
        zf.writestr("b/CN333333333A.TIF", b"II*\x00 image")  # not a document
        zf.writestr("c/dup.xml", document("111111111"))  # the same publication twice
    report = ingest_paths(con, [archive])
    assert [(f.format, f.status) for f in report.files] == [("cnipa_xml", "loaded")]
    row = con.execute(
        "select framed_count, patents_loaded_count, merged_duplicate_count, rejected_count from core.ingest_file"
    ).fetchone()
    assert row == (4, 2, 1, 1)
    assert row[0] == row[1] + row[2] + row[3]
    assert {r[0] for r in con.execute("select patent_id from core.patent").fetchall()} == {
        "CN111111111A",
        "CN333333333A",
    }
    reasons = dict(con.execute("select record_locator, reason from core.quarantine").fetchall())
    broken = reasons["member a/CN222222222A.XML"]
    assert broken.startswith("malformed XML:") and "\n" not in broken
    assert "duplicate of CN111111111A" in reasons["member c/dup.xml"]


def test_a_file_of_concatenated_documents_is_framed_per_declaration(con, tmp_path):
    path = tmp_path / "many.xml"
    path.write_text(document("111111111") + "<garbage" + "\n" + document("222222222"), encoding="utf-8")
    ingest_paths(con, [path])
    row = con.execute("select framed_count, patents_loaded_count, rejected_count from core.ingest_file").fetchone()
    assert row == (3, 2, 1)  # the garbage after the first root's end tag is framed apart; both documents load
    assert con.execute("select record_locator from core.quarantine").fetchall() == [("doc 2 (line 4)",)]


def test_a_damaged_declaration_costs_only_its_own_document(con, tmp_path):
    path = tmp_path / "many.xml"
    second = document("222222222").replace("<?xml", "<?xm!", 1)
    path.write_text(document("111111111") + second + document("333333333"), encoding="utf-8")
    ingest_paths(con, [path])
    assert con.execute("select patent_id from core.patent order by 1").fetchall() == [
        ("CN111111111A",),
        ("CN333333333A",),
    ]
    row = con.execute("select framed_count, patents_loaded_count, rejected_count from core.ingest_file").fetchone()
    assert row == (3, 2, 1)


def test_folder_tree_of_cnipa_xml_is_one_unit_and_mixed_folders_keep_other_files_apart(tmp_path):
    week = tmp_path / "inbox" / "CN-BIBS-ABSS-10-A_20200601"
    for number in ("111111111", "222222222"):
        folder = week / f"CN{number}A"
        folder.mkdir(parents=True)
        (folder / f"CN{number}A.XML").write_text(document(number), encoding="utf-8")
        (folder / f"CN{number}A.TIF").write_bytes(b"II*\x00")
    other = tmp_path / "inbox" / "export.csv"
    other.write_text("公开号,标题\nCN333333333A,一种装置\n", encoding="utf-8")
    loose = tmp_path / "inbox" / "CN444444444A.xml"
    loose.write_text(document("444444444"), encoding="utf-8")
    units = {u.path.name: len(u.members) for u in discover_units([tmp_path / "inbox"])}
    assert units == {"inbox": 1, "export.csv": 1, "CN-BIBS-ABSS-10-A_20200601": 2}
    assert detect_adapter(next(u for u in discover_units([week]))).format == "cnipa_xml"


def test_sniff_leaves_uspto_xml_and_xlsx_alone(tmp_path):
    uspto = tmp_path / "ipg.xml"
    uspto.write_text('<?xml version="1.0"?>\n<us-patent-grant lang="EN"></us-patent-grant>\n', encoding="utf-8")
    assert not ADAPTER.sniff(IngestUnit(uspto, (uspto,)))
    workbook = tmp_path / "book.xlsx"
    with zipfile.ZipFile(workbook, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    assert not ADAPTER.sniff(IngestUnit(workbook, (workbook,)))


def test_old_format_document_reads():
    old = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n'
        '<cn-patent-document lang="ZH" country="CN"><cn-bibliographic-data>'
        "<cn-publication-reference><document-id><country>CN</country><doc-number>104223352</doc-number>"
        "<kind>B</kind><date>20141224</date></document-id></cn-publication-reference>"
        "<application-reference><document-id><country>CN</country><doc-number>201410408762.5</doc-number>"
        "<date>20140819</date></document-id></application-reference>"
        "<classifications-ipcr><classification-ipcr><text>A24B   15/18    (2006.01)</text></classification-ipcr>"
        "</classifications-ipcr><invention-title>烟用香料</invention-title>"
        "<assignees><assignee><addressbook><name>云南中烟工业有限责任公司</name><address><text>650231 云南省昆明市"
        "</text></address></addressbook></assignee></assignees>"
        '<cn-parties><cn-applicants><cn-applicant sequence="1"><addressbook lang="ZH"><name>云南中烟工业有限责任公司'
        "</name><address><text>650231 云南省昆明市</text></address></addressbook></cn-applicant></cn-applicants>"
        '<cn-inventors><cn-inventor sequence="1"><name>段焰青</name></cn-inventor></cn-inventors></cn-parties>'
        "</cn-bibliographic-data></cn-patent-document>"
    )
    patent, rows, classes = document_to_record(old.encode())
    assert (patent["patent_id"], patent["grant_date"].isoformat()) == ("CN104223352B", "2014-12-24")
    assert [(r["role"], r["name_raw"], r.get("postcode"), r.get("address_raw")) for r in rows] == [
        ("applicant", "云南中烟工业有限责任公司", "650231", "云南省昆明市"),
        ("inventor", "段焰青", None, None),
        ("assignee", "云南中烟工业有限责任公司", "650231", "云南省昆明市"),
    ]
    assert classes == [{"scheme": "IPC", "symbol": "A24B 15/18", "is_main": True}]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("102016000058726", "CN201610058726.X"),
        ("CN102015000481495", "CN201510481495.9"),  # pairs written standard + original in the real samples
        ("102010000298420", "CN201010298420.4"),
        ("201410408762.5", "CN201410408762.5"),
        ("101985000000312", "CN85100312"),
        ("PCT/KR2014/002669", "PCT/KR2014/002669"),
    ],
)
def test_application_numbers(raw, expected):
    assert application_number(raw) == expected


def test_postcode_split():
    assert split_postcode("518105 广东省深圳市") == ("518105", "广东省深圳市")
    assert split_postcode("5181050 号楼") == (None, "5181050 号楼")
    assert split_postcode("韩国京畿道") == (None, "韩国京畿道")


def test_empty_member_of_a_folder_unit_is_quarantined(con, tmp_path):
    folder = tmp_path / "week"
    folder.mkdir()
    (folder / "a.xml").write_text(document("111111111"), encoding="utf-8")
    (folder / "b.xml").write_text(document("222222222").replace("PatentDocumentAndRelated>\n", "X>"), "utf-8")
    report = ingest_paths(con, [folder])
    assert report.files[0].patents_loaded == 1
    assert con.execute("select record_locator from core.quarantine").fetchall() == [("b.xml",)]
    assert Path(report.files[0].path).name == "week"


def test_a_damaged_zip_is_not_claimed_and_sniffing_never_raises(tmp_path):
    archive = tmp_path / "week.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("CN111111111A.XML", document("111111111") * 3)
    data = bytearray(archive.read_bytes())
    data[60:90] = b"\x00" * 30  # inside the deflated stream (fuzzing found a zlib.error escaping sniff)
    archive.write_bytes(bytes(data))
    assert ADAPTER.sniff(IngestUnit(archive, (archive,))) is False


def test_the_office_record_outranks_a_vendor_export_of_the_same_patent(con, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("公开号,标题,申请人,地址\nCN111111111A,一种装置(导出),重庆某某科技有限公司,重庆市某处\n", "utf-8")
    xml = tmp_path / "CN111111111A.xml"
    applicants = applicant(1, "重庆某某科技有限公司", addr=address()) + applicant(2, "渝州理工大学")
    xml.write_text(document("111111111", applicants=applicants), encoding="utf-8")
    ingest_paths(con, [export])
    ingest_paths(con, [xml])
    assert con.execute("select source, title from core.patent").fetchone() == ("cnipa_xml", "一种装置")
    assert [(r[0], r[4]) for r in parties(con)] == [("重庆某某科技有限公司", "沙坪坝区"), ("渝州理工大学", None)]
