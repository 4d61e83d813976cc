"""Chinese exports: encodings, mapping choice, field parsing, bad rows quarantined, good rows kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources.cn.aliases import map_header
from pipeline.sources.cn_export import ADAPTER
from pipeline.sources.encoding import detect_encoding
from pipeline.synth import INCOPAT_COLUMNS
from pipeline.warehouse.ingest import ingest_paths


def incopat_row(**values: str) -> list[str]:
    row = dict.fromkeys(INCOPAT_COLUMNS, "")
    row.update(
        {
            "申请日": "20200102",
            "公开日": "20200601",
            "授权公告日": "0",
            "专利类型": "发明申请",
            "申请人": "重庆渝芯微电子有限公司;渝州理工大学",
            "发明人": "王伟;李娜",
            "申请人地址": "401332重庆市沙坪坝区西永大道1号",
            "国省代码": "重庆(50)",
            "主分类号": "H01L23/31",
            "分类号": "H01L23/31;G06F9/50",
            "专利名称": "一种芯片封装结构",
            "申请摘要": "本发明公开了……",
        }
    )
    row.update(values)
    return [row[c] for c in INCOPAT_COLUMNS]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", damage_line: int | None = None) -> Path:
    text = "\n".join(",".join(f'"{v}"' if "," in v else v for v in r) for r in [INCOPAT_COLUMNS, *rows]) + "\n"
    data = text.encode(encoding)
    if damage_line is not None:
        lines = data.split(b"\n")
        lines[damage_line - 1] = lines[damage_line - 1] + b"\xff\xfe\xff"
        data = b"\n".join(lines)
    path.write_bytes(data)
    return path




def test_detects_utf8_bom_gbk_and_gb18030():
    assert detect_encoding("公开号".encode()) == "utf-8-sig"
    assert detect_encoding(b"\xef\xbb\xbf" + "公开号".encode()) == "utf-8-sig"
    assert detect_encoding("重庆市沙坪坝区西永大道".encode("gbk")) == "gb18030"
    assert detect_encoding("𠀀重庆".encode("gb18030")) == "gb18030"
    # a sample cut inside a multi-byte character is still UTF-8
    assert detect_encoding("重庆市".encode()[:-1]) == "utf-8-sig"


def test_header_is_recognised_column_by_column_and_other_csvs_are_not():
    mapping = map_header(list(INCOPAT_COLUMNS))
    assert mapping.is_chinese_export()
    assert {"publication_number", "title", "applicants", "ipc_main"} <= mapping.fields
    assert not map_header(["#", "Jurisdiction", "Kind", "Lens ID"]).is_chinese_export()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_fields_load_in_every_encoding(con, tmp_path, encoding):
    path = write_csv(
        tmp_path / "export.csv",
        [incopat_row(公开号="ＣＮ１１０８０２９８９Ａ", 引证专利="CN108982325A;CN208049937U")],
        encoding=encoding,
    )
    report = ingest_paths(con, [path])
    assert report.files[0].status == "loaded", report.files[0].message
    patent = con.execute("select patent_id, doc_type, application_date::varchar, language from core.patent").fetchall()
    assert patent == [("CN110802989A", "invention", "2020-01-02", "zh")]
    parties = con.execute(
        "select role, name_raw, country, postcode, address_raw from core.patent_party order by role, sequence"
    ).fetchall()
    assert parties[0] == ("applicant", "重庆渝芯微电子有限公司", "CN", "401332", "重庆市沙坪坝区西永大道1号")
    assert parties[1][:3] == ("applicant", "渝州理工大学", None)
    assert [p[1] for p in parties[2:]] == ["王伟", "李娜"]
    assert con.execute("select symbol, is_main from core.classification order by sequence").fetchall() == [
        ("H01L 23/31", True),
        ("G06F 9/50", False),
    ]
    assert con.execute("select cited_number_key from core.citation order by sequence").fetchall() == [
        ("CN108982325",),
        ("CN208049937",),
    ]


def test_bad_rows_are_quarantined_and_good_rows_load(con, tmp_path):
    rows = [
        incopat_row(公开号="CN111111111A"),
        incopat_row(公开号="CN222222222A", 申请日="20231345"),
        incopat_row(公开号="CN333333333A")[:-5],
        incopat_row(公开号="CN444444444U", 专利类型="实用新型"),
        incopat_row(公开号="CN555555555A"),
    ]
    path = write_csv(tmp_path / "gbk_export.csv", rows, encoding="gbk", damage_line=6)
    report = ingest_paths(con, [path])
    assert report.files[0].patents_loaded == 3
    got = con.execute("select patent_id from core.patent order by 1").fetchall()
    assert got == [("CN111111111A",), ("CN222222222A",), ("CN444444444U",)]
    quarantine = dict(con.execute("select record_locator, reason || ' / ' || action from core.quarantine").fetchall())
    assert quarantine["row 2 (line 3)"] == "unparseable 申请日 '20231345'; field left empty / repaired"
    assert quarantine["row 3 (line 4)"] == "expected 61 fields, found 56 / rejected"
    assert quarantine["row 5 (line 6)"] == "invalid GBK/UTF-8 bytes at line 6 / rejected"
    assert con.execute("select application_date from core.patent where patent_id = 'CN222222222A'").fetchone() == (
        None,
    )


def test_sniff_claims_only_matching_headers(tmp_path):
    from pipeline.sources.base import IngestUnit

    other = tmp_path / "other.csv"
    other.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    assert not ADAPTER.sniff(IngestUnit(other, (other,)))
    ours = write_csv(tmp_path / "ours.csv", [incopat_row(公开号="CN111111111A")])
    assert ADAPTER.sniff(IngestUnit(ours, (ours,)))


def test_a_new_vendor_layout_is_a_column_map_away(con):
    # the CN text + CPC research set (tests/data/industry) loads through aliases in data/reference/cn_field_aliases.csv
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "industry" / "cn_patent_text_cpc_sample_val.csv"
    report = ingest_paths(con, [sample])
    assert report.files[0].status == "loaded"
    assert report.files[0].patents_loaded == 19
    symbols = con.execute("select count(*) from core.classification where scheme = 'CPC'").fetchone()
    assert symbols is not None and symbols[0] >= 19
