"""The real Chinese vendor exports (tests/data/cn_vendor, copies of shared/data/cn_vendor_exports; GPL-3.0, see
tests/data/PROVENANCE.md) load with every record in core.patent or core.quarantine. Counts come from another
reader (openpyxl with reset_dimensions, the csv module) and from the row counts PROVENANCE states; the field
values below were read by hand from the files.

incopat_toyota_…_rows1-1500.xlsx is data rows 1..1500 of the 5,048-row original (which is 4 MB); the other
five files are full copies.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipeline.warehouse.ingest import ingest_paths
from pipeline.warehouse.schema import ensure_schema

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parents[1] / "data" / "cn_vendor"
FILES = {
    "derwent_innovation_export_zh_ui.xls": 68,  # PROVENANCE: 68 rows (legacy XLS: no second reader installed)
    "incopat_chatbot_bilingual_part1.xlsx": 1000,
    "incopat_ford_autonomous_driving.xlsx": 7552,
    "incopat_iflytek_efficacy_bilingual.xlsx": 3816,
    "incopat_toyota_autonomous_driving_bilingual_rows1-1500.xlsx": 1500,
    "patentics_cnapp_virtual_reality.csv": 7805,
}


def openpyxl_rows(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        return sum(1 for row in sheet.iter_rows(values_only=True) if any(v not in (None, "") for v in row)) - 1
    finally:
        workbook.close()


def csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.reader(handle) if any(row)) - 1


@pytest.fixture(scope="module")
def loaded():
    connection = duckdb.connect(":memory:")
    ensure_schema(connection)
    report = ingest_paths(connection, [DATA / name for name in FILES])
    yield connection, report
    connection.close()


@pytest.fixture
def con(loaded):
    return loaded[0]


def one(con, sql: str, **params):
    return con.execute(sql, params).fetchone()


def column(con, sql: str, **params) -> list:
    return [r[0] for r in con.execute(sql, params).fetchall()]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_record_is_loaded_or_quarantined(loaded, name):
    con, report = loaded
    path = DATA / name
    independent = csv_rows(path) if name.endswith(".csv") else None
    if name.endswith(".xlsx"):
        independent = openpyxl_rows(path)
    assert independent in (None, FILES[name])
    result = next(f for f in report.files if Path(f.path).name == name)
    assert result.status == "loaded", result.message
    quarantined = one(
        con,
        "select count(*) from core.quarantine q join core.ingest_file f using (file_id) "
        "where f.file_name = $n and q.action = 'rejected'",
        n=name,
    )[0]
    assert result.patents_loaded + quarantined == FILES[name]
    in_core = one(
        con, "select count(*) from core.patent p join core.ingest_file f using (file_id) where f.file_name = $n", n=name
    )[0]
    assert in_core == result.patents_loaded  # no two records of one file share a publication number here


def test_incopat_ford_records(con):
    # rows 1 and 2: Excel date cells, link cells, bracketed standardised names
    assert one(
        con,
        "select application_date, publication_date, doc_type, title from core.patent where patent_id = 'CN115958995A'",
    ) == (dt.date(2022, 10, 8), dt.date(2023, 4, 14), "invention", "电动自主车辆乘车服务辅助")
    assert column(con, "select symbol from core.classification where patent_id = 'CN115959032A' and is_main") == [
        "B60Q 1/50"
    ]
    parties = con.execute(
        "select role, name_raw from core.patent_party where patent_id = 'CN115958995A' order by role, sequence"
    ).fetchall()
    assert parties == [("applicant", "福特全球技术公司"), ("applicant_standardized", "福特汽车-C")]
    # foreign numbers the shared normaliser does not know are kept as written
    assert one(con, "select jurisdiction from core.patent where patent_id = 'IN5974CHE2015A'") == ("IN",)


def test_incopat_chatbot_vendor_classes(con):
    # data row 2: CN116074834A, 国民经济分类 13 codes, 新兴产业分类 two labelled codes, 当前法律状态 公开
    codes = column(
        con,
        "select code from core.vendor_classification where patent_id = 'CN116074834A' and scheme = 'nec' "
        "order by sequence",
    )
    assert codes[:3] == ["C3912", "C4028", "C4350"] and len(codes) == 13
    assert con.execute(
        "select code, label, source from core.vendor_classification "
        "where patent_id = 'CN116074834A' and scheme = 'sei' order by sequence"
    ).fetchall() == [("1.2", "电子核心产业", "incopat"), ("1.4", "互联网与云计算、大数据服务", "incopat")]
    assert column(con, "select symbol from core.classification where patent_id = 'CN116074834A' order by sequence") == [
        "H04W 12/065",
        "H04W 4/12",
        "H04L 67/06",
    ]
    assert one(con, "select legal_status, application_date from core.patent where patent_id = 'CN116074834A'") == (
        "pending",
        dt.date(2022, 12, 2),
    )
    detail = one(
        con, "select legal_status_vendor, title_en from core.patent_detail where patent_id = 'DE202023000397U1'"
    )
    assert detail[0] == "授权" and detail[1].startswith("A web application that maps and optimizes")


def test_incopat_iflytek_efficacy_and_main_class(con):
    # data row 2: CN111756603A, two applicants, CPC list, 新兴产业(主) 8.1, 技术功效, 专利有效性 有效
    assert column(
        con, "select name_raw from core.patent_party where patent_id = 'CN111756603A' and role = 'applicant'"
    ) == ["北京京东尚科信息技术有限公司", "科大讯飞股份有限公司"]
    assert column(
        con, "select symbol from core.classification where patent_id = 'CN111756603A' and scheme = 'CPC' order by 1"
    ) == ["G10L 15/22", "G10L 17/22", "G10L 2015/223", "H04L 12/282"]
    assert one(
        con, "select is_main, label from core.vendor_classification where patent_id = 'CN111756603A' and scheme = 'sei'"
    ) == (True, "数字创意技术设备制造")
    assert column(
        con,
        "select code from core.vendor_classification where patent_id = 'CN111756603A' and scheme = 'efficacy_triz' "
        "order by sequence",
    ) == ["39-生产率", "37-控制与测量的复杂性"]
    assert one(con, "select legal_status, application_date from core.patent where patent_id = 'CN111756603A'") == (
        "in_force",
        dt.date(2019, 3, 26),
    )
    # data row 1 has no English title: the Chinese one stays the title
    assert one(con, "select title, language from core.patent where patent_id = 'CN107295441B'") == (
        "音箱腔体及具有所述音箱腔体的音箱",
        "zh",
    )


def test_incopat_toyota_bilingual(con):
    # data row 1: CN111856303B, IPC list with main, 国民经济分类, 专利有效性 有效 / 当前法律状态 授权
    assert con.execute(
        "select symbol, is_main from core.classification where patent_id = 'CN111856303B' order by sequence"
    ).fetchall() == [("G01R 31/389", True), ("G01R 31/392", False), ("G01R 31/3842", False)]
    assert one(
        con,
        "select p.legal_status, d.validity, d.title_en from core.patent p join core.patent_detail d using (patent_id) "
        "where patent_id = 'CN111856303B'",
    ) == ("in_force", "in_force", "Battery resistance measuring device")
    assert one(
        con, "select grant_date is null, publication_date from core.patent where patent_id = 'CN111856303B'"
    ) == (
        True,
        dt.date(2023, 3, 17),
    )
    assert column(
        con,
        "select name_raw from core.patent_party where patent_id = 'CN111856303B' and role = 'applicant_standardized'",
    ) == ["丰田公司-C"]


def test_derwent_xls_with_preamble(con):
    # data row 1 (sheet row 3): CN108053582A, Derwent compact IPC, INPADOC events, DWPI family, cited references
    assert one(
        con,
        "select publication_date, application_date, priority_date, family_id, family_size, legal_status, language "
        "from core.patent where patent_id = 'CN108053582A'",
    ) == (dt.date(2018, 5, 18), dt.date(2017, 11, 28), dt.date(2017, 11, 28), "SF:CN108053582", 3, "in_force", "en")
    assert column(
        con, "select symbol from core.classification where patent_id = 'CN108053582A' and scheme = 'IPC' order by 1"
    ) == ["G05D 1/02", "G07C 9/00", "G07G 1/00", "G07G 1/01"]
    assert column(
        con, "select symbol from core.classification where patent_id = 'CN108053582A' and scheme = 'CPC' and is_main"
    ) == ["G07G 1/0081"]
    assert column(
        con, "select cited_number_key from core.citation where citing_patent_id = 'CN108053582A' order by sequence"
    )[:2] == ["CN2550114", "CN106933096"]
    assert con.execute(
        "select event_type, event_date from core.legal_event where patent_id = 'CN108053582A' order by sequence"
    ).fetchall() == [
        ("grant", dt.date(2018, 11, 27)),
        ("examination", dt.date(2018, 6, 12)),
        ("publication", dt.date(2018, 5, 18)),
    ]
    assert column(
        con, "select member_ref from core.family_member where patent_id = 'CN108053582A' order by sequence"
    ) == ["CN108053582A", "CN108053582B", "WO2019104951A1"]
    # data row 38: CN107449461A is cited by CN107843883A (in this file too) and by two WO documents
    assert column(
        con, "select citing_patent_ref from core.cited_by where cited_patent_id = 'CN107449461A' order by sequence"
    ) == ["CN107843883A", "WO2019062767A1", "WO2019076247A1"]
    # data row 2: two applicants separated by ' | '
    assert column(
        con,
        "select name_raw from core.patent_party where patent_id = 'CN108189681A' and role = 'applicant' order by 1",
    ) == ["Aulton New Energy Vehicles Technology Co. Ltd.", "Shanghai Dianba New Energy Technology Co. Ltd."]


def test_a_citing_list_becomes_a_citation_when_the_citing_document_is_in_the_corpus(con):
    listed = one(con, "select count(*) from core.patent where patent_id = 'CN107843883A'")[0]
    rows = con.execute(
        "select citing_patent_id, cited_patent_id, category from core.citation where cited_patent_id = 'CN107449461A'"
    ).fetchall()
    assert rows == ([("CN107843883A", "CN107449461A", "citing_list")] if listed else [])
    # an invention is counted once: the CN A and B publications and the WO share one simple family
    assert one(
        con, "select invention_id, invention_rule from core.patent_invention where patent_id = 'CN108053582A'"
    ) == (
        "SF:CN108053582",
        "own_family",
    )


def test_patentics_csv(con):
    # line 2: YYYYMMDD dates, IPC with padded spaces joined by ' | ', inventors joined by ' | ', trailing comma
    assert one(
        con,
        "select application_date, publication_date, claims_count, legal_status, family_size from core.patent "
        "where patent_id = 'CN114399933A'",
    ) == (dt.date(2022, 1, 7), dt.date(2022, 4, 26), 10, "pending", 0)
    assert column(con, "select symbol from core.classification where patent_id = 'CN114399933A' order by sequence") == [
        "G09B 9/00",
        "G06T 19/00",
    ]
    assert column(con, "select symbol from core.classification where patent_id = 'CN114399933A' and is_main") == [
        "G09B 9/00"
    ]
    assert column(
        con, "select name_raw from core.patent_party where patent_id = 'CN114399933A' and role = 'inventor'"
    ) == ["孙恺", "张福生"]
    # a Chongqing applicant; unmatched columns (技术特征 …) kept as JSON, not dropped
    assert column(
        con, "select name_raw from core.patent_party where patent_id = 'CN114326517A' and role = 'applicant'"
    ) == ["重庆允成互联网科技有限公司"]
    extra = one(con, "select extra_json from core.patent_detail where patent_id = 'CN114326517A'")[0]
    assert '"技术特征": "26"' in extra and '"美国分类"' not in extra
    assert (
        one(con, "select count(*) from core.patent_party where name_raw like '重庆%' and role = 'applicant'")[0] >= 146
    )
