"""mart.zone_specialisation on a hand-built fixture: RTA, benchmark growth and the white-space rule."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_navigation_high_value import settings_for, warehouse

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.warehouse.checks import assert_checks_pass


def add(con: duckdb.DuckDBPyConnection, patent_id: str, year: int, subclass: str, zone: str | None) -> None:
    con.execute("insert into core.patent (patent_id, number_key, jurisdiction, kind, doc_type, application_date, "
                "filing_year, title, source, is_synthetic, file_id, duplicate_record_count) values "
                "($id, $id, 'CN', 'A', 'invention', $d, $y, 't', 'cn_export', false, 'f1', 1)",
                {"id": patent_id, "d": date(year, 1, 1), "y": year})
    con.execute("insert into core.classification values ($id, 'IPC', $s || ' 1/00', $s, null, true, 1, 'f1')",
                {"id": patent_id, "s": subclass})
    con.execute("insert into enrich.patent_zone values ($id, $z, null, '500106', true, 0.9, 'kw')",
                {"id": patent_id, "z": zone})


def test_rta_growth_and_white_space(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    (settings.reference_dir / "wipo_ipc_technology.csv").write_text(
        "field_number,field_zh,field_en,sector_zh,sector_en,ipc_subclass,ipc_main_group\n"
        "4,数字通信,Digital communication,电气工程,Electrical engineering,H04L,\n"
        "6,计算机技术,Computer technology,电气工程,Electrical engineering,G06F,\n", encoding="utf-8")
    # last_year = max filing year (2024) - 1 = 2023 (the newest year is incomplete);
    # recent = 2021..2023, prior = 2018..2020.
    # 片区 XY: 3 × G06F (2019, 2022, 2023) and 1 × H04L (2023).
    for n, (year, sub) in enumerate([(2019, "G06F"), (2022, "G06F"), (2023, "G06F"), (2023, "H04L")]):
        add(con, f"CNX{n}A", year, sub, "CQFTZ-XY")
    # Chongqing outside the FTZ: H04L 1 × 2019, 5 × 2022; G06F 2 × 2019, 1 × 2022; one 2024 G06F.
    others = [(2019, "H04L")] + [(2022, "H04L")] * 5 + [(2019, "G06F")] * 2 + [(2022, "G06F"), (2024, "G06F")]
    for n, (year, sub) in enumerate(others):
        add(con, f"CNO{n}A", year, sub, None)
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=date(2025, 6, 30))
    rows = {r[0]: r[1:] for r in con.execute(
        "select field_code, zone_field_count, zone_total, bench_field_count, bench_total, rta, bench_growth_pct, "
        "related_count, is_white_space, direction_rank from mart.zone_specialisation "
        "where scope_code = 'CQFTZ-XY' and benchmark = 'CQ' and field_scheme = 'wipo35'").fetchall()}
    # CQ = 14 patents: H04L 1 + 1 + 5 = 7, G06F 3 + 2 + 1 + 1 = 7. XY: H04L 1 of 4, G06F 3 of 4.
    # RTA H04L = (1/4) / (7/14) = 0.5; G06F = (3/4) / (7/14) = 1.5.
    # Growth H04L: recent 2021-23 = 1 + 5 = 6, prior 2018-20 = 1 → +500%; G06F: recent 3, prior 3 → 0%.
    # Median of (500, 0) = 250: H04L grows faster, RTA < 1, related = G06F's 3 in the same sector, 7 ≥ 5.
    assert rows["4"] == (1, 4, 7, 14, 0.5, 500.0, 3, True, 1)
    assert rows["6"] == (3, 4, 7, 14, 1.5, 0.0, 1, False, None)
    assert_checks_pass(con, prefix="mart_zone_specialisation")
