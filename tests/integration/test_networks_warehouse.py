"""Networks step on a warehouse built from real samples.

data/sample/patentsview carries real patents but no citation lists, so citations among those real patents are
added from inline rows here (with a duplicate, a self-citation, a two-patent cycle, an external reference and
an NPL reference). When the USPTO XML sample and its adapter are present, a second test uses their real
citations; it skips only when pipeline.sources.uspto_xml cannot sniff the file.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

from pipeline.settings import PROJECT_ROOT, load_settings
from pipeline.warehouse.checks import run_checks
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

SAMPLE = PROJECT_ROOT / "data" / "sample"
USPTO = SAMPLE / "uspto"
INSERT = "insert into core.citation values ($c, $s, $raw, $ref, null, $id, 'US', null, $cat, $npl, 'test')"


def citation_plan(ids: list[str]) -> list[tuple[str, str | None, bool]]:
    """(citing, cited in corpus or None, is_npl): every patent k cites k-1 and k//2 (time-ordered by id)."""
    plan: list[tuple[str, str | None, bool]] = []
    for k in range(1, len(ids)):
        plan.append((ids[k], ids[k - 1], False))
        plan.append((ids[k], ids[k // 2], False))
    plan.append((ids[5], ids[4], False))  # duplicate of 5 -> 4
    plan.append((ids[7], ids[7], False))  # self-citation
    plan.append((ids[3], ids[9], False))  # 9 cites 4 and 4 cites 3, so 3 citing 9 closes a cycle
    plan.append((ids[2], None, False))  # external patent
    plan.append((ids[2], None, True))  # non-patent literature
    return plan


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("networks")
    settings = replace(load_settings(), warehouse=root / "w.duckdb", output=root / "out")
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, [SAMPLE / "patentsview"])
        ids = [r[0] for r in con.execute(
            "select patent_id from core.patent order by filing_year, patent_id limit 60").fetchall()]
        plan = citation_plan(ids)
        for seq, (citing, cited, npl) in enumerate(plan):
            con.execute(INSERT, {"c": citing, "s": seq, "raw": cited or ("NPL" if npl else "US9999999B2"),
                                 "ref": None if npl else (cited or "US9999999B2"), "id": cited, "cat": "examiner",
                                 "npl": npl})
        from pipeline.analyse.citations import run_networks

        summary = run_networks(con, settings)
        yield con, settings, ids, plan, summary


def scalar(con: Any, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_metrics_filled_and_checks_pass(warehouse) -> None:
    con, _, ids, plan, summary = warehouse
    patents = con.execute("select count(*) from core.patent").fetchone()[0]
    assert con.execute("select count(*) from mart.patent_citation_metrics").fetchone()[0] == patents
    results = run_checks(con, "mart_patent_citation_metrics")
    assert len(results) == 3 and not [r for r in results if r.offending_count], results
    # Independent forward/backward counts from the plan: distinct in-corpus pairs, self-citations left out.
    pairs = {(a, b) for a, b, npl in plan if b is not None and a != b}
    forward = Counter(b for _, b in pairs)
    backward = Counter(a for a, _ in pairs)
    backward[ids[2]] += 1  # the external patent reference; the NPL one does not count
    got = dict(con.execute("select patent_id, forward_citations from mart.patent_citation_metrics "
                           "where forward_citations > 0").fetchall())
    assert got == dict(forward)
    got_b = dict(con.execute("select patent_id, backward_citations from mart.patent_citation_metrics "
                             "where backward_citations > 0").fetchall())
    assert got_b == dict(backward)
    assert summary["in_corpus_edges"] == len(pairs)


def test_pagerank_agrees_with_networkx(warehouse) -> None:
    con, _, _, plan, _ = warehouse
    graph = nx.DiGraph()
    graph.add_nodes_from(r[0] for r in con.execute("select patent_id from core.patent").fetchall())
    graph.add_edges_from((a, b) for a, b, _ in plan if b is not None and a != b)
    expected = nx.pagerank(graph, tol=1e-12, max_iter=1000)
    got = dict(con.execute("select patent_id, pagerank from mart.patent_citation_metrics").fetchall())
    assert max(abs(got[k] - v) for k, v in expected.items()) < 1e-6


def test_cycle_recorded_and_main_paths_acyclic(warehouse) -> None:
    con, _, ids, _, _ = warehouse
    breaks = con.execute("select citing_id, cited_id, rule from mart.citation_cycle_break").fetchall()
    assert len(breaks) >= 1 and all(rule in ("time_order", "same_year_id_order") for *_, rule in breaks)
    assert (ids[3], ids[9]) in {(a, b) for a, b, _ in breaks}  # the back-in-time citation is the one dropped
    for scope in ("global", "key_route"):
        rows = con.execute("select cited_id, citing_id, spc from mart.main_path_edge where scope = $s "
                           "and industry_code = 'ALL'", {"s": scope}).fetchall()
        assert rows and all(spc >= 1 for *_, spc in rows)
        assert nx.is_directed_acyclic_graph(nx.DiGraph([(a, b) for a, b, _ in rows]))
    top = con.execute("select patent_id from mart.core_patent where zone_code is null and industry_code = 'ALL' "
                      "order by rank").fetchall()
    assert 0 < len(top) <= 20
    assert con.execute("select count(*) from mart.citation_community").fetchone()[0] >= 1


def test_exports_open(warehouse) -> None:
    from pipeline.analyse.indicators import run_indicators
    from pipeline.render.network_exports import write_warehouse_exports

    con, settings, _, _, summary = warehouse
    out = settings.output / "exports" / "networks"
    run_indicators(con, settings)  # applicant names for the collaboration network
    write_warehouse_exports(con, out)
    gexf = nx.read_gexf(out / "citation_network.gexf")
    edges = con.execute("select count(distinct (citing_patent_id, cited_patent_id)) from core.citation "
                        "where cited_patent_id is not null and cited_patent_id <> citing_patent_id").fetchone()[0]
    assert gexf.number_of_edges() == edges
    lines = (out / "citation_network_vosviewer_map.txt").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:5] == ["id", "label", "x", "y", "cluster"]
    assert all(len(line.split("\t")) == len(header) for line in lines[1:])
    ids = {int(line.split("\t")[0]) for line in lines[1:]}
    for line in (out / "citation_network_vosviewer_network.txt").read_text().splitlines():
        a, b, strength = line.split("\t")
        assert int(a) in ids and int(b) in ids and float(strength) > 0
    with open(out / "main_path_edges.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == summary["main_path_edges"]


def test_real_uspto_citations(tmp_path: Path) -> None:
    from pipeline.sources.base import IngestUnit
    from pipeline.sources.uspto_xml import ADAPTER

    files = sorted(USPTO.glob("*.xml"))
    assert files and ADAPTER.sniff(IngestUnit(files[0], (files[0],)))
    settings = replace(load_settings(), warehouse=tmp_path / "w.duckdb", output=tmp_path / "out")
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, files)
        from pipeline.analyse.citations import run_networks

        summary = run_networks(con, settings)
        reported = scalar(con, "select count(*) from core.citation where not is_npl")
        assert reported > 0
        assert summary["in_corpus_edges"] + summary["external_refs"] <= reported
        assert not [r for r in run_checks(con, "mart_patent_citation_metrics") if r.offending_count]
        total = scalar(con, "select sum(backward_citations) from mart.patent_citation_metrics")
        assert total == summary["in_corpus_edges"] + summary["external_refs"]
        assert np.isfinite(scalar(con, "select sum(pagerank) from mart.patent_citation_metrics"))


def test_with_enrich_tables_zone_and_industry(tmp_path: Path) -> None:
    # Minimal enrich.patent_zone / enrich.patent_industry with the contract's columns: even-numbered patents
    # are in CQFTZ-LJ (confidence 0.9), patent 1 in CQFTZ-XY below the headline threshold; industry AUTO for
    # the first half of the ranked ids, ELEC for the rest.
    settings = replace(load_settings(), warehouse=tmp_path / "w.duckdb", output=tmp_path / "out")
    with open_warehouse(settings.warehouse) as con:
        ingest_paths(con, [SAMPLE / "patentsview"])
        ids = [r[0] for r in con.execute(
            "select patent_id from core.patent order by filing_year, patent_id limit 40").fetchall()]
        for seq, (citing, cited, npl) in enumerate(citation_plan(ids)):
            con.execute(INSERT, {"c": citing, "s": seq, "raw": cited or "X", "ref": cited or "X", "id": cited,
                                 "cat": "examiner", "npl": npl})
        con.execute("create table enrich.patent_zone (patent_id varchar, zone_code varchar, subarea_code varchar, "
                    "district_code varchar, is_chongqing boolean, confidence double, rule varchar)")
        con.execute("create table enrich.patent_industry (patent_id varchar, industry_code varchar, level integer, "
                    "score double, method varchar, is_primary boolean, taxonomy_version varchar, "
                    "model_version varchar, disagrees_with_codes boolean)")
        for k, patent in enumerate(ids):
            zone, confidence = ("CQFTZ-LJ", 0.9) if k % 2 == 0 else ("CQFTZ-XY", 0.1 if k == 1 else 0.8)
            con.execute("insert into enrich.patent_zone values ($p, $z, null, null, true, $c, 'test')",
                        {"p": patent, "z": zone, "c": confidence})
            con.execute("insert into enrich.patent_industry values ($p, $i, 1, 1.0, 'concordance', true, 'v', "
                        "null, false)", {"p": patent, "i": "AUTO" if k < 20 else "ELEC"})
        from pipeline.analyse.citations import run_networks

        summary = run_networks(con, settings)
        assert summary["enrich_inputs"]["zone"] and summary["enrich_inputs"]["industry"]
        lj = {r[0] for r in con.execute("select patent_id from mart.core_patent where zone_code = 'CQFTZ-LJ'")
              .fetchall()}
        assert lj and lj <= set(ids[0::2])
        xy = {r[0] for r in con.execute("select patent_id from mart.core_patent where zone_code = 'CQFTZ-XY'")
              .fetchall()}
        assert ids[1] not in xy  # below the headline threshold
        groups = {r[0] for r in con.execute("select distinct industry_code from mart.core_patent").fetchall()}
        assert groups == {"ALL", "AUTO", "ELEC"}
        paths = {r[0] for r in con.execute("select distinct industry_code from mart.main_path_edge").fetchall()}
        assert paths == {"ALL", "AUTO", "ELEC"}
        auto = set(ids[:20])
        for cited, citing in con.execute("select cited_id, citing_id from mart.main_path_edge "
                                         "where industry_code = 'AUTO'").fetchall():
            assert cited in auto and citing in auto
        # Cohort normalisation: within a (year, industry) cohort the mean of the normalised values is 1
        # whenever the cohort has any forward citation.
        rows = con.execute(
            "select p.filing_year, i.industry_code, avg(m.cohort_fc_normalised), sum(m.forward_citations) "
            "from mart.patent_citation_metrics m join core.patent p using (patent_id) "
            "join enrich.patent_industry i using (patent_id) group by all").fetchall()
        assert rows and all(abs(mean - 1.0) < 1e-9 for _, _, mean, fc in rows if fc > 0)


def test_a_second_run_starts_from_the_first_runs_communities(warehouse) -> None:
    con, settings, _, _, first = warehouse
    from pipeline.analyse.citations import run_networks

    assert first["communities_from"] == "cold start"
    before = dict(con.execute("select patent_id, community_id from mart.patent_citation_metrics").fetchall())
    again = run_networks(con, settings)
    after = dict(con.execute("select patent_id, community_id from mart.patent_citation_metrics").fetchall())
    assert again["communities_from"] == "previous run"
    # same graph: starting from its own partition, one pass finds nothing to improve
    assert after == before
    assert not [r for r in run_checks(con, "mart_patent_citation_metrics") if r.offending_count]
    cold = run_networks(con, settings, warm_start=False)
    assert cold["communities_from"] == "cold start"
