"""The field-alias dictionary: any subset of vendor column names, in any order and spelling, maps to its fields;
cell values as vendors write them; tolerant CSV framing."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.sources.cn.aliases import LANGUAGE_TWINS, header_key, load_aliases, map_header, split_language
from pipeline.sources.cn.csvframe import RecordFramer
from pipeline.sources.cn.values import find_publication_numbers, ipc_symbols, names, parse_cn_date, parse_count

DICTIONARY = load_aliases()
# aliases that already end in a bracket would read '(中文)' twice; they are tested without a suffix
ALIASES = [a for a in DICTIONARY.aliases if not a.alias.endswith((")", "）"))]
FULL = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}, " ": "\u3000"})
SUFFIXES = {"": None, "(中文)": "zh", "（英文）": "en", " (原文)": "original", "【翻译】": "translation"}


def spell(alias: str, width: int, spaces: bool, suffix: str) -> str:
    text = alias.translate(FULL) if width else alias
    text = " ".join(text) if spaces and len(text) < 12 else text
    return text + suffix


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(ALIASES))), min_size=1, max_size=25, unique=True),
    st.randoms(use_true_random=False),
    st.data(),
)
def test_every_generated_header_cell_maps_to_its_field(picks, random, data):
    chosen = [ALIASES[i] for i in picks]
    random.shuffle(chosen)
    header, expected = [], []
    for alias in chosen:
        suffix = data.draw(st.sampled_from(sorted(SUFFIXES)))
        cell = spell(alias.alias, data.draw(st.integers(0, 1)), data.draw(st.booleans()), suffix)
        header.append(cell)
        english = SUFFIXES[suffix] == "en" and alias.field in LANGUAGE_TWINS
        expected.append(LANGUAGE_TWINS[alias.field] if english else alias.field)
    mapping = map_header(header)
    assert [c.field for c in mapping.columns] == expected, header


def test_language_suffixes_pick_the_english_twin_and_keep_the_rest():
    mapping = map_header(["标题 (中文)", "标题（英文）", "摘要 (英文)", "公开（公告）号", "我的备注"])
    assert [c.field for c in mapping.columns] == ["title", "title_en", "abstract_en", "publication_number", None]
    assert [c.header for c in mapping.unused] == ["我的备注"]
    assert mapping.is_chinese_export()
    assert split_language(header_key("标题 (原文)")) == ("标题", "original")


def test_a_file_needs_a_number_and_a_title_column():
    assert not map_header(["标题", "摘要", "申请人"]).is_chinese_export()
    assert map_header(["申请号", "标题"]).is_chinese_export()
    assert not map_header(["Lens ID", "Title", "Application Number", "URL"]).is_chinese_export()


def test_values_as_vendors_write_them():
    assert parse_cn_date(45030) == parse_cn_date("45030") == parse_cn_date(45030.0)
    assert str(parse_cn_date("45057.0")) == "2023-05-11"
    assert [str(parse_cn_date(v)) for v in ("20220107", "2022.01.07", "2022/01/07")] == ["2022-01-07"] * 3
    assert find_publication_numbers("到incoPat中查看\r\nCN115958995A") == ["CN115958995A"]
    assert find_publication_numbers("到incoPat中查看_x000D_\nCN115958995A") == ["CN115958995A"]
    assert names("[福特汽车-C]; [Buetema Ag]") == ["福特汽车-C", "Buetema Ag"]
    assert ipc_symbols("H04W  4/90|H04W  4/02") == ["H04W 4/90", "H04W 4/02"]
    assert ipc_symbols("G09B  9/00 | G06F16/583；G07G000100\nG07C000900571") == [
        "G09B 9/00",
        "G06F 16/583",
        "G07G 1/00",
        "G07C 9/00571",
    ]
    assert parse_count("1.0") == 1 and parse_count(3.0) == 3 and parse_count("0") == 0


def test_a_damaged_record_costs_only_itself():
    lines = ["a,b,c\n", '1,"open,3\n', "4,5,6\n", '7,"x\n', 'y",9\n', "10,11,12\n", '13,"never closed\n']
    framer = RecordFramer(",")
    framer.width = 3
    framed = list(framer.frame((n, t, False) for n, t in enumerate(lines, start=1)))
    assert [(f.first_line, f.problem is None) for f in framed] == [
        (1, True),
        (2, False),
        (3, True),
        (4, True),
        (6, True),
        (7, False),
    ]


def test_schema_applies_to_an_existing_warehouse_without_the_cn_tables():
    from pipeline.warehouse.schema import ensure_schema

    con = duckdb.connect(":memory:")
    ensure_schema(con)
    con.execute("drop view core.patent_invention")
    for table in ("patent_detail", "cited_by", "family_member", "vendor_classification", "legal_event"):
        con.execute(f"drop view raw.{table}")
        con.execute(f"drop table core.{table}")
    ensure_schema(con)
    assert con.execute("select count(*) from core.patent_invention").fetchone() == (0,)
    assert con.execute("select count(*) from raw.legal_event").fetchone() == (0,)
