"""Exports open in their documented formats: GEXF/GraphML via networkx readers, VOSviewer map/network files."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from pipeline.render.network_exports import write_network
from pipeline.safety import safe_file_name, spreadsheet_safe

NODES = [
    {"id": "US1A", "label": "Engine\tcooling", "cluster": 0, "weight": 3, "pagerank": 0.5},
    {"id": "CN2B", "label": "=HYPERLINK(\"x\")", "cluster": 1, "weight": 1, "pagerank": 0.3},
    {"id": "EP3C", "label": "Rotor", "cluster": 0, "weight": 0, "pagerank": 0.2, "is_synthetic": True},
]
EDGES = [{"source": "CN2B", "target": "US1A", "weight": 1}, {"source": "EP3C", "target": "US1A", "weight": 2},
         {"source": "US1A", "target": "CN2B", "weight": 1}]


def test_gexf_and_graphml_round_trip(tmp_path: Path) -> None:
    written = write_network(tmp_path, "citation network/../x", NODES, EDGES)
    assert all(p.parent == tmp_path for p in written)
    gexf = nx.read_gexf(written[0])
    assert set(gexf.nodes) == {"US1A", "CN2B", "EP3C"} and gexf.number_of_edges() == 3
    assert gexf.has_edge("EP3C", "US1A") and abs(gexf.nodes["US1A"]["pagerank"] - 0.5) < 1e-12
    graphml = nx.read_graphml(written[1])
    assert graphml.number_of_edges() == 3 and graphml.nodes["EP3C"]["is_synthetic"] is True


def test_vosviewer_files_follow_the_manual(tmp_path: Path) -> None:
    write_network(tmp_path, "net", NODES, EDGES)
    lines = (tmp_path / "net_vosviewer_map.txt").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:5] == ["id", "label", "x", "y", "cluster"]
    assert all(h.startswith("weight<") and h.endswith(">") for h in header[5:])
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(r) == len(header) for r in rows)  # a tab inside a label would break this
    ids = {int(r[0]): r for r in rows}
    assert sorted(ids) == [1, 2, 3] and ids[1][1] == "Engine cooling"
    assert all(int(r[4]) >= 1 for r in rows)  # clusters are positive integers
    for r in rows:
        float(r[2]), float(r[3])
    # Network file: id1<TAB>id2<TAB>strength, undirected: US1A-CN2B cited both ways sum to 2.
    network = [line.split("\t") for line in (tmp_path / "net_vosviewer_network.txt").read_text().splitlines()]
    strengths = {(int(a), int(b)): float(s) for a, b, s in network}
    assert strengths == {(1, 2): 2.0, (1, 3): 2.0}


def test_csv_cells_are_neutralised(tmp_path: Path) -> None:
    write_network(tmp_path, "net", NODES, EDGES)
    with open(tmp_path / "net_nodes.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[1]["label"] == "'=HYPERLINK(\"x\")"
    assert spreadsheet_safe("-1+1") == "'-1+1" and spreadsheet_safe("@a") == "'@a" and spreadsheet_safe(5) == 5


def test_safe_file_name() -> None:
    assert safe_file_name("../../etc/passwd") == "etc-passwd"
    assert safe_file_name("两江 片区", "network") == "network"


def test_cli_network_on_an_edge_list(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    # Citations: C cites A and B; D and E cite C (E twice: a duplicate); A cites C back in time (cycle).
    # Knowledge flow A->C, B->C, C->D, C->E: N-(C)=2, N+(C)=2 so SPC(A->C)=SPC(B->C)=1*2=2,
    # SPC(C->D)=SPC(C->E)=2*1=2; the dropped back-in-time edge A->C (A cites C) has no SPC.
    edges = tmp_path / "edges.csv"
    edges.write_text("citing_id,cited_id,citing_year,cited_year\nC,A,2005,2000\nC,B,2005,2001\nD,C,2010,2005\n"
                     "E,C,2011,2005\nE,C,2011,2005\nA,C,2000,2005\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["network", "--citations", str(edges), "--output", str(out)])
    assert result.exit_code == 0, result.output
    with open(out / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    assert nodes["C"]["forward_citations"] == "3" and nodes["C"]["backward_citations"] == "2"
    assert abs(sum(float(r["pagerank"]) for r in nodes.values()) - 1.0) < 1e-6
    with open(out / "edges.csv", encoding="utf-8", newline="") as handle:
        rows = {(r["citing_id"], r["cited_id"]): r for r in csv.DictReader(handle)}
    assert len(rows) == 5
    assert {k: r["spc"] for k, r in rows.items()} == {("C", "A"): "2", ("C", "B"): "2", ("D", "C"): "2",
                                                       ("E", "C"): "2", ("A", "C"): ""}
    assert rows[("A", "C")]["on_main_path"] == "0" and rows[("C", "A")]["on_main_path"] == "1"


def test_cli_network_rejects_a_file_without_the_header(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    edges = tmp_path / "edges.csv"
    edges.write_text("a,b\nX,Y\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["network", "--citations", str(edges), "--output", str(tmp_path)])
    from pipeline.errors import PatentNavError

    # The CLI entry point prints PatentNavError as one line; through the bare app it surfaces as the exception.
    assert isinstance(result.exception, PatentNavError) and "citing_id" in str(result.exception)
