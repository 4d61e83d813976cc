"""The real CNIPA samples (tests/data/cnipa, copies of shared/data/cnipa_bibliographic; see its PROVENANCE.md).

XML: every one of the ten documents loads; documents and parties are counted by an independent reader (regular
expressions over the raw text, no XML parser) and compared with core; values of three documents (and the old
format) were read by hand from the files. Weekly CSVs: rows counted with the csv module; three rows each checked
by hand (applicant, address, postcode, IPC, dates, the 15-digit application number).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.sources import discover_units
from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import ensure_schema

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parents[1] / "data" / "cnipa"
XML_FILES = sorted(p for p in (DATA / "xml").rglob("*") if p.suffix.lower() == ".xml")
WEEKLY = sorted((DATA / "weekly").glob("*.csv"))


def regex_counts(path: Path) -> dict[str, int]:
    """Parties per role, counted without an XML parser: distinct sequence numbers (a party written twice, standard
    and original, has one sequence) in the new format, element start tags in the old one."""
    text = path.read_bytes().decode("utf-8-sig")
    text = text[: text.find("</business:BibliographicData>")] if "business:Bibliographic" in text else text
    counts = {}
    for role, new, old in (
        ("applicant", "business:Applicant", "cn-applicant"),
        ("inventor", "business:Inventor", "cn-inventor"),
        ("assignee", "business:Assignee", "assignee"),
    ):
        sequences = set(re.findall(rf"<{new}\s[^>]*?sequence=\"(\d+)\"", text))
        counts[role] = len(sequences) + len(re.findall(rf"<{old}[\s>]", text))
    return counts


def regex_publication(path: Path) -> str:
    text = path.read_bytes().decode("utf-8-sig")
    match = re.search(r"<base:DocNumber>(\d+)</base:DocNumber>\s*<base:Kind>(\w+)</base:Kind>", text) or re.search(
        r"<cn-publication-reference>.*?<doc-number>(\d+)</doc-number>\s*<kind>(\w+)</kind>", text, re.S
    )
    assert match, path
    return f"CN{match.group(1)}{match.group(2)}"


@pytest.fixture(scope="module")
def xml_loaded():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    report = ingest_paths(con, [DATA / "xml"])
    yield con, report
    con.close()


def test_the_xml_tree_is_one_unit_and_every_document_is_accounted_for(xml_loaded):
    con, report = xml_loaded
    assert [u.path.name for u in discover_units([DATA / "xml"])] == ["xml"]
    assert [(f.format, f.status) for f in report.files] == [("cnipa_xml", "loaded")]
    framed, loaded, rejected = con.execute(
        "select framed_count, patents_loaded_count, rejected_count from core.ingest_file"
    ).fetchone()
    assert (framed, loaded, rejected) == (len(XML_FILES), 10, 0)
    got = {r[0] for r in con.execute("select patent_id from core.patent").fetchall()}
    assert got == {regex_publication(p) for p in XML_FILES}


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: p.name[:40])
def test_party_counts_match_an_independent_reader(xml_loaded, path):
    con, _ = xml_loaded
    rows = dict(
        con.execute(
            "select role, count(*) from core.patent_party where patent_id = $p group by role",
            {"p": regex_publication(path)},
        ).fetchall()
    )
    expected = {role: n for role, n in regex_counts(path).items() if n}
    if path.name == "xy-inv__patent__test.XML":
        assert expected["applicant"] == 1  # the applicant is also the inventor (appType applicant-inventor)
    assert rows == expected


def _parties(con: duckdb.DuckDBPyConnection, patent_id: str, role: str) -> list[tuple]:
    return con.execute(
        "select name_raw, country, state, city, county, postcode, address_raw from core.patent_party "
        "where patent_id = $p and role = $r order by sequence",
        {"p": patent_id, "r": role},
    ).fetchall()


def test_hand_checked_new_format_three_applicants_only_the_first_with_an_address(xml_loaded):
    con, _ = xml_loaded  # xy-inv__Patent__a.XML (BOM, DOCTYPE naming a missing entity file)
    patent = con.execute(
        "select application_number, application_date, publication_date, grant_date, title, doc_type "
        "from core.patent where patent_id = 'CN107087341A'"
    ).fetchone()
    assert patent == ("CN201610058726.X", dt.date(2016, 1, 28), dt.date(2017, 8, 22), None, "电路板及其制作方法",
                      "invention")
    assert _parties(con, "CN107087341A", "applicant") == [
        ("鹏鼎控股(深圳)股份有限公司", "CN", "广东省", "深圳市", "宝安区", "518105",
         "广东省深圳市宝安区松岗街道燕川燕罗路"),
        ("宏启胜精密电子(秦皇岛)有限公司", None, None, None, None, None, None),
        ("鹏鼎科技股份有限公司", None, None, None, None, None, None),
    ]
    assert [r[0] for r in _parties(con, "CN107087341A", "inventor")] == ["李卫祥"]
    classes = con.execute(
        "select symbol, is_main from core.classification where patent_id = 'CN107087341A' order by sequence"
    ).fetchall()
    assert classes == [("H05K 1/02", True), ("H05K 3/06", False)]


def test_hand_checked_foreign_applicant_and_priority(xml_loaded):
    con, _ = xml_loaded  # PatentStandardization__cn_new1.xml: every address part `0`, country KR, text only
    assert _parties(con, "CN113781974A", "applicant") == [
        ("三星显示有限公司", "KR", None, None, None, None, "韩国京畿道")
    ]
    assert con.execute(
        "select priority_date, application_number from core.patent where patent_id = 'CN113781974A'"
    ).fetchone() == (dt.date(2016, 5, 23), "CN202111286633.X")
    assert [r[0] for r in _parties(con, "CN113781974A", "inventor")] == ["金驲柱", "田武经", "李安洙"]
    main = con.execute(
        "select symbol from core.classification where patent_id = 'CN113781974A' and is_main"
    ).fetchall()
    assert main == [("G09G 3/36",)]


def test_hand_checked_grant_with_patentee(xml_loaded):
    con, _ = xml_loaded  # CN102010000298420…BFULZH20190802CN00D.XML: County 天河区 while the text names the 高新区
    assert con.execute(
        "select kind, publication_date, grant_date, application_date from core.patent where patent_id = 'CN101945314B'"
    ).fetchone() == ("B", dt.date(2019, 8, 2), dt.date(2019, 8, 2), dt.date(2010, 10, 2))
    expected = ("广州市智专信息科技有限公司", "CN", "广东省", "广州市", "天河区", "510000",
                "广东省广州高新技术开发区科学城科学大道101号1514房")
    assert _parties(con, "CN101945314B", "applicant") == [expected]
    assert _parties(con, "CN101945314B", "assignee") == [expected]


def test_hand_checked_old_format(xml_loaded):
    con, _ = xml_loaded  # PatentStandardization__cn_old2.xml: 6 priorities, a second applicant with an empty address
    assert con.execute(
        "select application_number, priority_date, title from core.patent where patent_id = 'CN104245143A'"
    ).fetchone() == ("CN201480000986.0", dt.date(2013, 3, 28),
                     "用于对包含于人造草坪的填充材料进行重复利用的筛选方法及筛选装置")
    assert _parties(con, "CN104245143A", "applicant") == [
        ("可隆科技特株式会社", None, None, None, None, None, "韩国京畿道果川市"),
        ("盛源立赛科株式会社", None, None, None, None, None, None),
    ]
    # old1: the postcode written in front of the address text is split off
    assert _parties(con, "CN104223352A", "applicant") == [
        ("云南中烟工业有限责任公司", None, None, None, None, "650231", "云南省昆明市五华区红锦路367号云烟科技园C区")
    ]


def test_a_zip_of_the_samples_loads_the_same_documents(tmp_path):
    archive = shutil.make_archive(str(tmp_path / "week"), "zip", DATA / "xml")
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    report = ingest_paths(con, [Path(archive)])
    assert [(f.format, f.status, f.patents_loaded) for f in report.files] == [("cnipa_xml", "loaded", 10)]
    assert con.execute("select count(*) from core.patent_party where county is not null").fetchone() == (8,)


# --- weekly CSV renderings ------------------------------------------------------------------------------

HAND_CHECKED = {
    "CN-BIBS-ABSS-10-B_20170322.csv": [
        # (patent_id, application_number, application_date, first IPC, applicant, inventor, address, postcode)
        ("CN103812110B8", "CN201410084968.7", dt.date(2014, 3, 10), "H02J 3/01", "哈尔滨理工大学", "朱东柏",
         "黑龙江省哈尔滨市学府路52号电气学院", "150080"),
        ("CN105380480B", "CN201510722550.9", dt.date(2015, 10, 31), "A47G 21/04", "重庆恒悦户外旅行用品有限公司",
         "杨长清", "重庆市涞滩镇正觉村二社", "401520"),
        ("CN105328380B", "CN201510754737.7", dt.date(2015, 11, 9), "B23K 37/04", "力帆实业(集团)股份有限公司",
         "王亚军", "重庆市北碚区蔡家岗镇同兴工业园凤栖路16号", "400707"),
    ],
    "CN-BIBS-ABSS-10-A_20170412.csv": [
        ("CN106560505A", "CN201510620829.6", dt.date(2015, 9, 25), "C10L 3/10", "新地能源工程技术有限公司", "何振勇",
         "河北省廊坊市开发区华祥路118号新奥科技园B楼", "065001"),  # the postcode keeps its leading zero
        ("CN106560016A", "CN201510636805.X", dt.date(2015, 10, 2), "A01D 46/247", "李在明", "李在明",
         "重庆市巫山县巫峡镇望霞路520号2幢6-1", "404700"),
        ("CN106560040A", "CN201510636812.X", dt.date(2015, 10, 2), "A22C 25/08", "李在明", "李在明",
         "重庆市巫山县巫峡镇望霞路520号2幢6-1", "404700"),
    ],
}


@pytest.fixture(scope="module")
def weekly_loaded():
    con = duckdb.connect(":memory:")
    ensure_schema(con)
    report = ingest_paths(con, WEEKLY)
    yield con, report
    con.close()


@pytest.mark.parametrize("path", WEEKLY, ids=lambda p: p.name)
def test_weekly_rows_counted_by_the_csv_module_all_load(weekly_loaded, path):
    con, report = weekly_loaded
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    [result] = [f for f in report.files if Path(f.path).name == path.name]
    assert (result.format, result.status, result.patents_loaded, result.quarantined) == ("cn_export", "loaded",
                                                                                         len(rows), 0)
    file_id = result.file_id
    # every applicant, inventor and (non-zero) postcode of the file is in raw
    counts = con.execute(
        "select count(*) filter (role = 'applicant'), count(*) filter (role = 'inventor'), "
        "count(postcode) filter (role = 'applicant') from raw.patent_party where file_id = $f",
        {"f": file_id},
    ).fetchone()
    assert counts == (len(rows), len(rows), sum(1 for r in rows if r["邮编"] not in ("", "0")))
    internal = sum(1 for r in rows if re.fullmatch(r"CN\d{15}", r["申请号"]))
    converted = con.execute(
        "select count(*) from raw.patent where file_id = $f and application_number similar to 'CN[0-9]{15}'",
        {"f": file_id},
    ).fetchone()[0]
    assert converted == 0 and (internal > 0) == path.name.startswith("CN-BIBS-ABSS-10-B")


@pytest.mark.parametrize("name", sorted(HAND_CHECKED))
def test_weekly_hand_checked_rows(weekly_loaded, name):
    con, _ = weekly_loaded
    for patent_id, app_no, app_date, ipc, applicant, inventor, address, postcode in HAND_CHECKED[name]:
        assert con.execute(
            "select application_number, application_date from core.patent where patent_id = $p", {"p": patent_id}
        ).fetchone() == (app_no, app_date)
        assert con.execute(
            "select symbol from core.classification where patent_id = $p order by sequence limit 1", {"p": patent_id}
        ).fetchone() == (ipc,)
        assert con.execute(
            "select name_raw, postcode, address_raw from core.patent_party where patent_id = $p and role = 'applicant'",
            {"p": patent_id},
        ).fetchall() == [(applicant, postcode, address)]
        assert con.execute(
            "select name_raw from core.patent_party where patent_id = $p and role = 'inventor'", {"p": patent_id}
        ).fetchall() == [(inventor,)]
