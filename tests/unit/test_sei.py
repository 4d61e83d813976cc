"""SEI concordance semantics (pipeline.enrich.sei) and the per-patent rows with their rule (sei_labels)."""

from __future__ import annotations

from pathlib import Path

from pipeline.enrich import sei
from pipeline.enrich.sei_labels import patent_rows

HEADER = "sei_code,sei_name,ipc,note,excludes,rule_no,sei_industry,pdf_page,source,flag,status,review\n"


def table(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "sei.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def codes(matcher: sei.Matcher, *symbols: str, text: str = "") -> list[str]:
    return [label.sei_code for label in matcher.label(list(symbols), text)]


def test_star_bare_and_exclusion_semantics(tmp_path: Path) -> None:
    path = table(tmp_path, (
        "1.1,网,G06F11*,,G06F11/14,1,信,1,t,,active,\n"
        "1.2,芯,G06F9/46,,,1,信,1,t,,active,\n"
        "1.3,软,H04L27/26*,,,1,信,1,t,,active,\n"
        "1.4,云,H03M13,,,1,信,1,t,,active,\n"
        "4.1,药,G16*,,,1,生,1,t,,active,\n"))
    m = sei.Matcher(sei.load_concordance(path), "CNIPA2021")
    assert codes(m, "G06F 11/30") == ["1.1"]
    assert codes(m, "G06F 11/14") == []            # excluded in the block
    assert codes(m, "G06F 1/16") == []             # G06F11* is main group 11, not a string prefix of G06F1
    assert codes(m, "G06F 9/46") == ["1.2"] and codes(m, "G06F 9/461") == []  # bare = exactly that symbol
    assert codes(m, "H04L 27/2601") == ["1.3"] and codes(m, "H04L 27/20") == []
    assert codes(m, "H03M 13/00") == ["1.4"] and codes(m, "H03M 13/05") == []  # bare main group = group/00
    assert codes(m, "G16H 10/60") == ["4.1"]
    assert m.label(["G06F 11/30"])[0].rule == "CNIPA2021 1.1#1 G06F11*"


def test_flagged_symbol_suspect_dropped_and_keywords(tmp_path: Path) -> None:
    path = table(tmp_path, (
        "1.1,网,H04B7*,,H04B7/14;H04B7/26,3,信,1,t,,active,\n"
        "1.1,网,H04B7/14,,H04B7/14;H04B7/26,3,信,1,t,ipc_also_listed_as_exclusion_in_same_block,active,\n"
        "2.3,星,G05D1*,卫星导航,,4,装,1,t,,suspect,why\n"
        "7.1,节,F24F*,,,1,环,1,t,,dropped,\n"))
    adopted = sei.Matcher(sei.load_concordance(path), "CNIPA2021")
    literal = sei.Matcher(sei.load_concordance(path, drop_flagged_exclusions=False), "CNIPA2021")
    assert codes(adopted, "H04B 7/14") == ["1.1"] and codes(literal, "H04B 7/14") == []
    assert codes(adopted, "H04B 7/26") == codes(literal, "H04B 7/26") == []  # an unflagged exclusion stands
    assert codes(adopted, "G05D 1/02") == ["2.3"] and codes(adopted, "F24F 11/00") == []
    no_suspect = sei.Matcher(sei.load_concordance(path, skip_status=frozenset({"dropped", "suspect"})), "x")
    assert codes(no_suspect, "G05D 1/02") == []
    keywords = sei.Matcher(sei.load_concordance(path), "CNIPA2021", use_keywords=True)
    assert codes(keywords, "G05D 1/02", text="一种车辆的转向控制") == []
    assert codes(keywords, "G05D 1/02", text="基于卫星导航的无人机") == ["2.3"]


def test_patent_rows_vendor_first_then_concordance_row(tmp_path: Path) -> None:
    path = table(tmp_path, "1.5,人工智能,G06N*,,,6,信,1,t,,active,\n")
    m = sei.Matcher(sei.load_concordance(path), "CNIPA2021")
    names = {"人工智能": "1.5", "下一代信息网络产业": "1.1"}
    mapping = {"1.5": {"sei_name_zh": "人工智能", "sei_industry_name_zh": "新一代信息技术产业"}}
    vendor = patent_rows("CN1A", ["G06N 3/08"], ["下一代信息网络产业", "not a class"], m, names, mapping)
    assert [(r["sei_code"], r["source"], r["rule"]) for r in vendor] == [
        ("1.1", "vendor", "incoPat 新兴产业分类: 下一代信息网络产业")]
    own = patent_rows("CN2A", ["G06N 3/08"], [], m, names, mapping)
    assert [(r["sei_code"], r["sei_industry_code"], r["source"], r["rule"]) for r in own] == [
        ("1.5", "1", "concordance", "CNIPA2021 1.5#6 G06N*")]
    assert own[0]["concordance_version"] == sei.CONCORDANCE_VERSION
    assert patent_rows("CN3A", ["F16B 1/00"], [], m, names, mapping) == []
    assert sei.vendor_codes(["1.5", "人工智能", "9.9", ""], names) == ["1.5"]


def test_patent_sei_tables_built_traced_and_documented() -> None:
    import duckdb

    from pipeline.enrich.sei_labels import build_patent_sei
    from pipeline.settings import load_settings
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.schema import apply_comments, ensure_schema

    con = duckdb.connect()
    ensure_schema(con)
    con.execute("insert into core.classification values ('CN1A', 'IPC', 'G06N 3/08', 'G06N', null, true, 1, 'f'), "
                "('CN2A', 'IPC', 'F16B 1/00', 'F16B', null, true, 1, 'f'), "
                "('CN3A', 'IPC', 'B60L 53/10', 'B60L', null, true, 1, 'f')")
    con.execute("insert into core.vendor_classification values ('f', 'CN3A', 'sei', '5.2', '新能源汽车装置、配件制造', "
                "true, 'incopat', 1)")
    counts = build_patent_sei(con, load_settings().reference_dir)
    assert counts == {"concordance": 1, "vendor": 1}
    rows = con.execute("select patent_id, sei_code, source, rule from enrich.patent_sei order by 1").fetchall()
    assert rows == [("CN1A", "1.5", "concordance", "CNIPA2021 1.5#6 G06N3/08"),
                    ("CN3A", "5.2", "vendor", "incoPat 新兴产业分类: 新能源汽车装置、配件制造")]
    assert con.execute("select count(*), count(industry_code) from enrich.sei_category").fetchone() == (40, 15)
    apply_comments(con)
    undocumented = con.execute(
        "select table_name || '.' || column_name from duckdb_columns() where schema_name = 'enrich' "
        "and table_name in ('patent_sei', 'sei_category', 'patent_sei_input') and (comment is null or comment = '')"
    ).fetchall()
    assert undocumented == []
    assert_checks_pass(con, prefix="enrich_patent_sei")


def test_a_night_relabels_only_changed_patents_and_equals_a_full_build() -> None:
    """Rows of patents whose inputs did not change are kept; new, changed and vanished patents are redone; the
    table then equals one built from nothing."""
    import duckdb

    from pipeline.enrich.sei_labels import build_patent_sei
    from pipeline.settings import load_settings
    from pipeline.warehouse.schema import ensure_schema

    reference = load_settings().reference_dir
    con = duckdb.connect()
    ensure_schema(con)
    con.execute("insert into core.classification values ('CN1A', 'IPC', 'G06N 3/08', 'G06N', null, true, 1, 'f'), "
                "('CN2A', 'IPC', 'B60L 53/10', 'B60L', null, true, 1, 'f'), "
                "('CN4A', 'IPC', 'G06N 3/08', 'G06N', null, true, 1, 'f')")
    build_patent_sei(con, reference)
    con.execute("update enrich.patent_sei set rule = 'kept from yesterday' where patent_id = 'CN1A'")
    con.execute("update core.classification set symbol = 'F16B 1/00', subclass = 'F16B' where patent_id = 'CN2A'")
    con.execute("delete from core.classification where patent_id = 'CN4A'")
    con.execute("insert into core.classification values ('CN5A', 'IPC', 'B60L 53/10', 'B60L', null, true, 1, 'f')")
    con.execute("insert into core.vendor_classification values ('f', 'CN6A', 'sei', '5.2', '新能源汽车装置、配件制造', "
                "true, 'incopat', 1)")
    build_patent_sei(con, reference)
    night = con.execute("select * from enrich.patent_sei order by all").fetchall()
    assert [r[0] for r in night] == ["CN1A", "CN5A", "CN6A"]
    assert night[0][6] == "kept from yesterday"  # unchanged inputs: not recomputed

    con.execute("update enrich.patent_sei set rule = 'CNIPA2021 1.5#6 G06N3/08' where patent_id = 'CN1A'")
    night = con.execute("select * from enrich.patent_sei order by all").fetchall()
    con.execute("drop table enrich.patent_sei_input")
    build_patent_sei(con, reference)
    assert con.execute("select * from enrich.patent_sei order by all").fetchall() == night
