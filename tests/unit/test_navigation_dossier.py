"""Leading applicants (mart.leading_applicant), dossier pages and `patentnav dossier` on the tiny site fixture."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_fixture import ENRICH_DDL
from test_navigation_specialisation import add

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.cli import app
from pipeline.settings import load_settings
from pipeline.warehouse.checks import assert_checks_pass

HOSTILE = '=HYPERLINK("http://x","y") <script>alert(1)</script>'
ENTITIES = {"E1": "长安汽车股份有限公司", "E2": "重庆大学", "E3": HOSTILE}


def make_warehouse(tmp_path: Path) -> dict[str, str]:
    from pipeline.warehouse.schema import ensure_schema

    env = {"PATENTNAV_WAREHOUSE": str(tmp_path / "w.duckdb"), "PATENTNAV_INBOX": str(tmp_path / "inbox"),
           "PATENTNAV_OUTPUT": str(tmp_path / "out")}
    settings = load_settings(env)
    con = duckdb.connect(env["PATENTNAV_WAREHOUSE"])
    ensure_schema(con)
    for ddl in ENRICH_DDL:
        con.execute(ddl)
    for entity_id, name in ENTITIES.items():
        con.execute("insert into enrich.applicant_entity values ($e, $n, $n, 'company', 'CN', 1, 'exact', 1.0)",
                    {"e": entity_id, "n": name})
    # 西永 (XY): E1 files X0, X1, X2; E2 files X3, X4 and co-applies on X0; E3 files O0 outside the FTZ.
    owners = {"CNX0A": ("E1", "E2"), "CNX1A": ("E1",), "CNX2A": ("E1",), "CNX3A": ("E2",), "CNX4A": ("E2",),
              "CNO0A": ("E3",)}
    for patent_id, entities in owners.items():
        add(con, patent_id, 2022, "G06F", None if patent_id == "CNO0A" else "CQFTZ-XY")
        con.execute("insert into enrich.patent_industry values ($id, 'ELEC', 1, 1, 'concordance', true, 't', 'm', "
                    "false)", {"id": patent_id})
        for n, entity_id in enumerate(entities, start=1):
            con.execute("insert into enrich.patent_applicant values ($id, $n, $e, 'applicant')",
                        {"id": patent_id, "n": n, "e": entity_id})
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=date(2025, 6, 30))
    assert_checks_pass(con, prefix="mart_leading_applicant")
    # XY: E1 has X0, X1, X2 = 3; E2 has X3, X4 + X0 = 3; E3 none in XY. Tie 3 = 3 broken by name in UTF-8
    # byte order: 重 (U+91CD) < 长 (U+957F) → 重庆大学 (E2) first.
    rows = con.execute("select scope_code, applicant_rank, entity_id, patent_count from mart.leading_applicant "
                       "order by scope_code, applicant_rank").fetchall()
    assert rows == [("CQFTZ-XY", 1, "E2", 3), ("CQFTZ-XY", 2, "E1", 3)]
    con.close()
    return env


def test_dossier_command(tmp_path: Path) -> None:
    env = make_warehouse(tmp_path)
    out = tmp_path / "d" / "changan.html"
    result = CliRunner().invoke(app, ["dossier", "长安汽车", "--output", str(out)], env=env)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    # E1: 3 patents (X0, X1, X2); co-applicant 重庆大学 on 1 (X0); peers in ELEC across Chongqing: E1 3, E2 3,
    # E3 1 (its hostile name must arrive escaped).
    assert "长安汽车股份有限公司 · 企业分析评议" in html and "<style>" in html and 'href="assets/' not in html
    assert '<div class="value">3</div>' in html and 'id="dossier_coapplicants"' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html


def test_unknown_applicant_is_one_line_and_non_zero(tmp_path: Path) -> None:
    env = make_warehouse(tmp_path)
    result = CliRunner().invoke(app, ["dossier", "不存在的公司", "--output", str(tmp_path / "x.html")], env=env)
    assert result.exit_code == 1
    assert result.stderr.strip() == "applicant not in the warehouse: 不存在的公司"
    assert not (tmp_path / "x.html").exists()


def test_dossier_carries_the_synthetic_banner_when_its_patents_do(tmp_path: Path) -> None:
    env = make_warehouse(tmp_path)
    con = duckdb.connect(env["PATENTNAV_WAREHOUSE"])
    con.execute("update core.patent set is_synthetic = true where patent_id = 'CNX1A'")
    con.close()
    pages = {}
    for name in ("长安汽车", "重庆大学"):
        out = tmp_path / f"{name}.html"
        result = CliRunner().invoke(app, ["dossier", name, "--output", str(out)], env=env)
        assert result.exit_code == 0, result.output
        pages[name] = out.read_text(encoding="utf-8")
    # E1 (长安) has X0, X1, X2, of which X1 is synthetic: 1 / 3 = 33.3%. E2 (重庆大学) has X0, X3, X4: none.
    assert "合成数据 / SYNTHETIC" in pages["长安汽车"] and "占 33.3%" in pages["长安汽车"]
    assert "合成数据 / SYNTHETIC" not in pages["重庆大学"]
