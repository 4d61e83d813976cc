"""知识产权运营: the CN reader keeps every counterparty column, mart.ip_operation / _summary on a hand-built
fixture (expected values computed by hand), the site section with events and without."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_navigation_high_value import AS_OF, add, settings_for, warehouse

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.render.context import Page, query
from pipeline.render.headers import HEADERS_ZH
from pipeline.render.sections.ip_operations import build
from pipeline.sources.cn.aliases import load_aliases, map_header
from pipeline.sources.cn.document import column_order, detail_row, parse_row
from pipeline.warehouse.checks import assert_checks_pass


def test_reader_keeps_every_counterparty_column() -> None:
    dictionary = load_aliases()
    header = ["公开(公告)号", "标题", "转让人", "受让人", "许可人", "被许可人", "出质人", "质权人"]
    mapping = map_header(header, dictionary)
    parsed = parse_row(["CN1A", "t", "甲", "乙", "丙", "丁", "戊", "己"], column_order(mapping, dictionary))
    assert parsed.unused == {}  # no counterparty column falls through to extra_json
    side = json.loads(detail_row("CN1A", parsed.fields, parsed.unused, "incopat")["vendor_fields_json"])
    assert side == {"transferor": "甲", "transferee": "乙", "licensor": "丙", "licensee": "丁", "pledgor": "戊",
                    "pledgee": "己"}


def event(con: duckdb.DuckDBPyConnection, patent_id: str, sequence: int, kind: str, when: str | None,
          count: int | None, source: str) -> None:
    con.execute("insert into core.legal_event values ('f1', $p, $s, $k, $d, $c, $k, $src)",
                {"p": patent_id, "s": sequence, "k": kind, "d": when, "c": count, "src": source})


def fixture(tmp_path: Path) -> tuple[duckdb.DuckDBPyConnection, object]:
    con = warehouse()
    settings = settings_for(tmp_path)
    for patent_id in ("CN1A", "CN2A", "CN3A", "CN4A", "CN5A"):
        add(con, patent_id, date(2020, 1, 1))  # all in 西永 (XY), industry ELEC, 500106
    con.execute("update enrich.patent_zone set zone_code = 'CQFTZ-LJ' where patent_id = 'CN4A'")
    # CN1A: two dated history transfers (2021, 2023) and the 转让 column (count 2, 2023), which the history
    # supersedes; parties in vendor_fields_json, two transferees separated by '；'.
    event(con, "CN1A", 1, "transfer", "2021-03-01", None, "legal_events")
    event(con, "CN1A", 2, "transfer", "2023-05-01", None, "legal_events")
    event(con, "CN1A", 3, "transfer", "2023-05-01", 2, "transfer")
    con.execute("update core.patent_detail set vendor_fields_json = $j where patent_id = 'CN1A'",
                {"j": json.dumps({"transferor": "重庆甲公司", "transferee": "北京乙公司；上海丙公司"},
                                 ensure_ascii=False)})
    # CN2A: the 许可 column only (许可次数 3, 2022); licensee in vendor_fields_json, the licensor from an older
    # load in extra_json under its header 许可人.
    event(con, "CN2A", 1, "licence", "2022-07-01", 3, "licence")
    con.execute("update core.patent_detail set vendor_fields_json = $v, extra_json = $e where patent_id = 'CN2A'",
                {"v": json.dumps({"licensee": "北京乙公司"}, ensure_ascii=False),
                 "e": json.dumps({"许可人": "重庆戊公司"}, ensure_ascii=False)})
    # CN3A: an undated pledge to 重庆银行, and an invalidation, which is not an operation.
    event(con, "CN3A", 1, "pledge", None, None, "pledge")
    event(con, "CN3A", 2, "invalidation", "2024-01-01", None, "legal_events")
    con.execute("update core.patent_detail set vendor_fields_json = '{\"pledgee\": \"重庆银行\"}' "
                "where patent_id = 'CN3A'")
    # CN4A (两江): one history transfer in 2023, no counterparty named. CN5A: no events.
    event(con, "CN4A", 1, "transfer", "2023-01-01", None, "legal_events")
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=AS_OF)
    return con, settings


def test_operations_per_scope_year_and_type(tmp_path: Path) -> None:
    con, _ = fixture(tmp_path)
    rows = con.execute(
        "select patent_id, operation_type, event_year, operation_count, party_from, party_to from mart.ip_operation "
        "where scope_code = 'CQFTZ-XY' order by patent_id, event_year").fetchall()
    # XY: CN1A 2 history transfers (the column event dropped), CN2A 1 licence standing for 3, CN3A 1 pledge
    # (no year); the invalidation is left out: 2 + 1 + 1 = 4 events.
    assert rows == [
        ("CN1A", "transfer", 2021, 1, "重庆甲公司", "北京乙公司; 上海丙公司"),
        ("CN1A", "transfer", 2023, 1, "重庆甲公司", "北京乙公司; 上海丙公司"),
        ("CN2A", "licence", 2022, 3, "重庆戊公司", "北京乙公司"),
        ("CN3A", "pledge", None, 1, None, "重庆银行"),
    ]
    summary = con.execute(
        "select event_year, operation_type, event_count, operation_count, patent_count, with_counterparty_count "
        "from mart.ip_operation_summary where scope_code = 'CQFTZ-XY' and industry_code = 'ALL' "
        "order by event_year nulls last").fetchall()
    assert summary == [(2021, "transfer", 1, 1, 1, 1), (2022, "licence", 1, 3, 1, 1),
                       (2023, "transfer", 1, 1, 1, 1), (None, "pledge", 1, 1, 1, 1)]
    cq_2023 = con.execute(
        "select event_count, patent_count, with_counterparty_count from mart.ip_operation_summary "
        "where scope_code = 'CQ' and industry_code = 'ELEC' and event_year = 2023").fetchall()
    # Chongqing 2023 transfers: CN1A (XY) + CN4A (LJ) = 2 events on 2 patents; only CN1A names parties.
    assert cq_2023 == [(2, 2, 1)]
    lj = con.execute("select count(*) from mart.ip_operation where scope_code = 'CQFTZ-LJ'").fetchall()
    assert lj == [(1,)]
    assert_checks_pass(con, prefix="mart_ip_operation")
    undocumented = con.execute(
        "select table_name || '.' || column_name from duckdb_columns() where schema_name = 'mart' "
        "and table_name like 'ip_operation%' and (comment is null or comment = '')").fetchall()
    assert undocumented == []

    parties = query(con, "ip_operations_parties", {"scope": "CQFTZ-XY", "industry": "ALL", "top_n": 10})
    found = [(r["direction"], r["party_rank"], r["party"], r["party_role_zh"], r["event_count"], r["patent_count"])
             for r in parties.iter_rows(named=True)]
    # In: 北京乙公司 receives CN1A's 2 transfers (1 patent) and CN2A's licence: as 受让人 2 events, ranked
    # first; then 上海丙公司 2 (受让人), 北京乙公司 1 (被许可人) and 重庆银行 1 (质权人), ties by name.
    # Out: 重庆甲公司 2 (转让人), 重庆戊公司 1 (许可人).
    assert found == [
        ("in", 1, "上海丙公司", "受让人", 2, 1), ("in", 2, "北京乙公司", "受让人", 2, 1),
        ("in", 3, "北京乙公司", "被许可人", 1, 1), ("in", 4, "重庆银行", "质权人", 1, 1),
        ("out", 1, "重庆甲公司", "转让人", 2, 1), ("out", 2, "重庆戊公司", "许可人", 1, 1),
    ]


def test_section_with_events_and_without(tmp_path: Path) -> None:
    from pipeline.render.context import SiteContext

    con, settings = fixture(tmp_path)
    zones = {"CQFTZ-XY": {"zh": "西永片区", "en": "Xiyong Area", "plan": ""},
             "CQFTZ-LJ": {"zh": "两江片区", "en": "Liangjiang Area", "plan": ""}}
    tables = {"mart.ip_operation_summary", "mart.ip_operation"}
    ctx = SiteContext(settings, tables, zones, {}, "2025-06-30", {}, "now", tmp_path)  # type: ignore[arg-type]
    page = Page("zone-xy", "西永", "Xiyong", "CQFTZ-XY", "ALL")
    build(con, ctx, page)
    assert [s["id"] for s in page.sections] == ["ip_operations", "ip_operation_parties"]
    # Rows newest year first: 2023 transfer 1, 2022 licence 1, 2021 transfer 1, no date: pledge 1.
    by_year = [[c["text"] for c in row] for row in page.sections[0]["rows"]]
    assert by_year == [["2023", "1", "0", "0"], ["2022", "0", "1", "0"], ["2021", "1", "0", "0"],
                       ["无日期", "0", "0", "1"]]
    assert set(page.tables) == {"ip_operation_summary", "ip_operation", "ip_operation_parties"}
    english_only = [c for frame in page.tables.values() for c in frame.columns if c not in HEADERS_ZH]
    assert english_only == []  # every exported column gets its Chinese header

    con.execute("delete from core.legal_event")
    run_navigation(con, settings, as_of=AS_OF)
    empty = Page("zone-xy", "西永", "Xiyong", "CQFTZ-XY", "ALL")
    build(con, ctx, empty)
    section = empty.sections[0]
    # No table: cards saying 0 operations and 0 legal events, and which columns events would come from.
    assert section["kind"] == "cards" and not empty.tables
    assert "没有转让、许可或质押事件" in section["note_zh"] and "受让人" in section["note_zh"]
    assert "core.legal_event" in section["note_en"] and "vendor_fields_json" in section["note_en"]
