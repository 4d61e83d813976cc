"""Address-bearing tables of CN patents in other layouts: CNIPA weekly field names, English headers, GBK, Excel-
damaged numbers, Patentics citation lists, and the warning for a column that looks known but maps to nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.sources import detect_adapter, discover_units
from pipeline.sources.cn.aliases import map_header
from pipeline.warehouse.ingest import ingest_paths

WEEKLY_HEADER = "申请号,申请日,公开（公告）号,公开（公告）日,IPC分类号,申请（专利权）人,发明（设计）人,名称,地址,邮编"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "sample"




def applicant_rows(con):
    return con.execute(
        "select patent_id, name_raw, postcode, address_raw from core.patent_party where role = 'applicant' "
        "order by patent_id"
    ).fetchall()


def test_weekly_layout_in_gbk_loads_with_address_postcode_and_inventor(con, tmp_path):
    path = tmp_path / "weekly_gbk.csv"
    text = (
        WEEKLY_HEADER + "\n"
        "CN102015000754737,20151109,CN105328380B,20170322,B23K37/04;,力帆实业（集团）股份有限公司,王亚军,"
        "一种骑士车试样车架中部段结构加工方法,重庆市北碚区蔡家岗镇同兴工业园凤栖路16号,400707\n"
        "CN201510722550.9,20151031,CN105380480B,20170322,A47G21/04;B65D1/00;,重庆恒悦户外旅行用品有限公司,杨长清,"
        "一种防抖的勺子,重庆市涞滩镇正觉村二社,0\n"
    )
    path.write_bytes(text.encode("gbk"))
    report = ingest_paths(con, [path])
    assert (report.files[0].format, report.files[0].patents_loaded) == ("cn_export", 2)
    assert applicant_rows(con) == [
        ("CN105328380B", "力帆实业(集团)股份有限公司", "400707", "重庆市北碚区蔡家岗镇同兴工业园凤栖路16号"),
        ("CN105380480B", "重庆恒悦户外旅行用品有限公司", None, "重庆市涞滩镇正觉村二社"),  # postcode 0 = none
    ]
    assert con.execute("select name_raw from core.patent_party where role = 'inventor' order by 1").fetchall() == [
        ("杨长清",),
        ("王亚军",),
    ]
    assert con.execute("select application_number from core.patent order by patent_id").fetchall() == [
        ("CN201510754737.7",),  # the 15-digit internal form, published form with its check digit
        ("CN201510722550.9",),
    ]
    classes = con.execute(
        "select symbol from core.classification where patent_id = 'CN105380480B' order by sequence"
    ).fetchall()
    assert classes == [("A47G 21/04",), ("B65D 1/00",)]  # the trailing ';' adds no empty symbol


def test_english_headers_of_scrapers_load_and_the_address_keeps_its_postcode_apart(con, tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(
        "Notice ID,Filing ID,Filing Date,Name,Applicant,Designer,Address,Int.Cl.,Abstract\n"
        "CN106560016A,CN201510636805.X,2015-10-02,摘果器,李在明,李在明,404700 重庆市巫山县巫峡镇望霞路520号,"
        "A01D46/247;A01D46/22,一种摘果器。\n",
        encoding="utf-8",
    )
    report = ingest_paths(con, [path])
    assert (report.files[0].format, report.files[0].status) == ("cn_export", "loaded"), report.files[0].message
    assert con.execute("select title, application_number, application_date::varchar from core.patent").fetchone() == (
        "摘果器",
        "CN201510636805.X",
        "2015-10-02",
    )
    assert applicant_rows(con) == [("CN106560016A", "李在明", "404700", "重庆市巫山县巫峡镇望霞路520号")]
    assert con.execute("select count(*) from core.patent_party where role = 'inventor'").fetchone() == (1,)
    assert con.execute("select count(*) from core.classification").fetchone() == (2,)


def test_lens_and_patentsview_files_are_not_taken_by_the_english_aliases():
    lens = sorted((SAMPLES / "lens").glob("*.csv"))
    # a Lens header maps Title and Application Number, yet its Lens-only columns keep it from the CN reader,
    # also when renamed (`Lens Identifier`: Lens refuses that file rather than have it guessed)
    header = lens[-1].read_text(encoding="utf-8-sig").splitlines()[0].replace('"', "").split(",")
    assert {"title", "application_number"} <= map_header(header).fields
    assert not map_header(header).is_chinese_export()
    assert not map_header(["Lens Identifier" if h == "Lens ID" else h for h in header]).is_chinese_export()
    assert map_header([h for h in header if h not in {"Lens ID", "Display Key"}]).is_chinese_export()
    assert {detect_adapter(u).format for u in discover_units(lens)} == {"lens_csv"}
    patentsview = SAMPLES / "patentsview"
    formats = {detect_adapter(u).format for u in discover_units([patentsview]) if u.path == patentsview}
    assert formats == {"patentsview_g_tsv"}


def test_excel_damaged_numbers_are_never_keys(con, tmp_path):
    path = tmp_path / "excel_saved.csv"
    path.write_text(
        "申请号,公开号,名称,申请人\n"
        "2.02E+12,CN106560016A,摘果器,李在明\n"  # application number damaged: keyed on the publication number
        "CN201510636812.X,1.07E+08,防滑压捏板,李在明\n"  # publication number damaged: no intact key left
        "CN201510620829.6,CN106560505A,一种工艺,新地能源工程技术有限公司\n",
        encoding="utf-8",
    )
    report = ingest_paths(con, [path])
    assert report.files[0].status == "loaded"
    assert con.execute("select patent_id, application_number from core.patent order by 1").fetchall() == [
        ("CN106560016A", None),
        ("CN106560505A", "CN201510620829.6"),
    ]
    framed, loaded, rejected, repaired = con.execute(
        "select framed_count, patents_loaded_count, rejected_count, repaired_count from core.ingest_file"
    ).fetchone()
    assert (framed, loaded, rejected, repaired) == (3, 2, 1, 1)
    notes = dict(con.execute("select record_locator, reason || ' / ' || action from core.quarantine").fetchall())
    assert notes["row 1 (line 2)"] == (
        "申请号 '2.02E+12' is a number Excel rewrote in scientific notation (digits lost; not used as a key); "
        "field left empty / repaired"
    )
    assert notes["row 2 (line 3)"] == (
        "no intact publication number: 公开号 '1.07E+08' is a number Excel rewrote in scientific notation "
        "(digits lost; not used as a key) / rejected"
    )


def test_patentics_citation_lists_are_read(con, tmp_path):
    path = tmp_path / "patentics.csv"
    path.write_text(
        "公开号,标题,申请人,本文引用专利,引用本文专利,本文引用专利数,引用本文专利数\n"
        "CN106560016A,摘果器,李在明,CN1234567A | CN2345678Y,CN108982325A,2,1\n",
        encoding="utf-8",
    )
    ingest_paths(con, [path])
    assert con.execute("select cited_number_key from core.citation order by sequence").fetchall() == [
        ("CN1234567",),
        ("CN2345678",),
    ]
    assert con.execute("select citing_number_key from core.cited_by").fetchall() == [("CN108982325",)]
    assert con.execute("select cites_count_reported, cited_by_count_reported from core.patent").fetchone() == (2, 1)


UNMAPPED = (
    "公开号,标题,申请人,本文自引用专利数,引证清单,申请人电话,备注\n"
    "CN106560016A,摘果器,李在明,0,CN1234567A,023-12345678,无\n"
)


def test_a_known_looking_column_that_maps_to_nothing_is_named_once(con, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(UNMAPPED, encoding="utf-8")
    report = ingest_paths(con, [path])
    warnings = report.files[0].warnings
    assert len(warnings) == 2
    assert warnings[0].startswith("odd.csv: column '本文自引用专利数' looks like a '引用' field")  # no count mapped
    assert warnings[1].startswith("odd.csv: column '引证清单' looks like a '引证' field")  # no citation list mapped
    # quiet: a column of no known family, and one whose family the file already feeds (申请人 is mapped)
    assert not any("备注" in w or "申请人电话" in w for w in warnings)
    assert con.execute("select extra_json from core.patent_detail").fetchone()[0].count(":") == 4  # all kept


def test_ingest_prints_the_warning_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "odd.csv").write_text(UNMAPPED, encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("patentnav")), "ingest", str(tmp_path / "in")],
        env={**os.environ, "PATENTNAV_WAREHOUSE": str(tmp_path / "w.duckdb")},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning ")]
    assert len(lines) == 2 and all("odd.csv: column '" in line for line in lines)
