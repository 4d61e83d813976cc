"""Network exports for Gephi (GEXF, GraphML via networkx writers), VOSviewer (map + network files) and CSV.

VOSviewer formats (VOSviewer manual, "Map file" / "Network file"): the map file is tab-separated with a header
row; columns id (positive integer), label, x, y, cluster (positive integer), then weight<...> columns. The
network file has no header; each line is `id1<TAB>id2<TAB>strength`.

The render step writes them into the site (exports/networks/), `patentnav network` wherever it is told. File
names and CSV cells follow pipeline.safety. When any exported record is synthetic the file names say 'synthetic'
and every node carries is_synthetic.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from pipeline.safety import safe_file_name, spreadsheet_safe
from pipeline.sql import run_sql

MAX_EXPORT_NODES = 2000  # Gephi/VOSviewer files are for reading, not for the whole 1M-node graph


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])


def _clean_label(text: Any) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(text)).strip()


def layout(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]], seed: int = 42
           ) -> dict[str, tuple[float, float]]:
    """Seeded Fruchterman-Reingold layout (igraph: fast on a few thousand nodes); VOSviewer can re-lay out."""
    import random

    import igraph

    names = [str(n["id"]) for n in nodes]
    if not names:
        return {}
    number = {name: i for i, name in enumerate(names)}
    pairs = [(number[str(e["source"])], number[str(e["target"])]) for e in edges
             if str(e["source"]) in number and str(e["target"]) in number]
    graph = igraph.Graph(n=len(names), edges=pairs, directed=False)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=300).coords
    finally:
        igraph.set_random_number_generator(random)
    return {name: (float(x), float(y)) for name, (x, y) in zip(names, coords, strict=True)}


def write_network(out_dir: Path, stem: str, nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]],
                  directed: bool = True) -> list[Path]:
    """Write one network in every format. nodes: dicts with 'id', 'label', optional 'cluster', 'weight' and
    any scalar attributes; edges: dicts with 'source', 'target', optional 'weight' and scalar attributes."""
    import networkx as nx

    out_dir.mkdir(parents=True, exist_ok=True)
    stem = safe_file_name(stem, "network")
    graph: Any = nx.DiGraph() if directed else nx.Graph()
    for node in nodes:
        attrs = {k: v for k, v in node.items() if k != "id" and v is not None}
        graph.add_node(str(node["id"]), **attrs)
    for edge in edges:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target") and v is not None}
        graph.add_edge(str(edge["source"]), str(edge["target"]), **attrs)
    written = [out_dir / f"{stem}.gexf", out_dir / f"{stem}.graphml"]
    nx.write_gexf(graph, written[0])
    nx.write_graphml(graph, written[1])
    written += write_vosviewer(out_dir, stem, nodes, edges)
    node_columns = list(dict.fromkeys(k for n in nodes for k in n))
    edge_columns = list(dict.fromkeys(k for e in edges for k in e))
    write_csv(out_dir / f"{stem}_nodes.csv", node_columns, ([n.get(c) for c in node_columns] for n in nodes))
    write_csv(out_dir / f"{stem}_edges.csv", edge_columns, ([e.get(c) for c in edge_columns] for e in edges))
    return [*written, out_dir / f"{stem}_nodes.csv", out_dir / f"{stem}_edges.csv"]


def write_vosviewer(out_dir: Path, stem: str, nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]
                    ) -> list[Path]:
    """VOSviewer map file (id, label, x, y, cluster, weight<Links>, weight<Citations>) + network file."""
    number = {str(n["id"]): i + 1 for i, n in enumerate(nodes)}  # VOSviewer ids are positive integers
    links: dict[str, int] = {}
    strength: dict[tuple[int, int], float] = {}
    for edge in edges:
        a, b = number.get(str(edge["source"])), number.get(str(edge["target"]))
        if a is None or b is None or a == b:
            continue
        key = (min(a, b), max(a, b))  # VOSviewer networks are undirected
        strength[key] = strength.get(key, 0.0) + float(edge.get("weight", 1) or 1)
        links[str(edge["source"])] = links.get(str(edge["source"]), 0) + 1
        links[str(edge["target"])] = links.get(str(edge["target"]), 0) + 1
    positions = layout(nodes, edges)
    clusters = sorted({int(n["cluster"]) for n in nodes if n.get("cluster") is not None})
    cluster_no = {c: i + 1 for i, c in enumerate(clusters)}
    map_path, network_path = out_dir / f"{stem}_vosviewer_map.txt", out_dir / f"{stem}_vosviewer_network.txt"
    with open(map_path, "w", encoding="utf-8", newline="") as handle:
        # Without any cluster the column is left out so VOSviewer clusters the map itself; nodes outside every
        # cluster (isolated patents) get 0.
        handle.write("id\tlabel\tx\ty" + ("\tcluster" if clusters else "") + "\tweight<Links>\tweight<Citations>\n")
        for node in nodes:
            name = str(node["id"])
            x, y = positions.get(name, (0.0, 0.0))
            cluster = node.get("cluster")
            cluster_cell = (f"\t{cluster_no[int(cluster)] if cluster is not None else 0}" if clusters else "")
            handle.write(
                f"{number[name]}\t{_clean_label(node.get('label', name))}\t{x:.6f}\t{y:.6f}{cluster_cell}\t"
                f"{links.get(name, 0)}\t{float(node.get('weight', 0) or 0):g}\n")
    with open(network_path, "w", encoding="utf-8", newline="") as handle:
        for (a, b), value in sorted(strength.items()):
            handle.write(f"{a}\t{b}\t{value:g}\n")
    return [map_path, network_path]


def write_warehouse_exports(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[str]:
    """Citation network (top patents by PageRank and the edges among them), the collaboration network and the
    main-path edges, from the marts the networks and indicators steps wrote."""
    synthetic = bool(run_sql(con, "site/network_files_any_synthetic").fetchall()[0][0])
    suffix = "_synthetic" if synthetic else ""
    top = run_sql(con, "site/network_files_citation_nodes", {"n": MAX_EXPORT_NODES}).fetchall()
    nodes = [{"id": r[0], "label": r[1], "cluster": r[2], "weight": r[3], "pagerank": r[4], "core_score": r[5],
              "filing_year": r[6], "is_synthetic": bool(r[7])} for r in top]
    import pyarrow as pa

    con.register("nw_export_ids", pa.table({"patent_id": pa.array([r[0] for r in top], pa.string())}))
    try:
        edge_rows = run_sql(con, "site/network_files_citation_edges").fetchall()
    finally:
        con.unregister("nw_export_ids")
    edges = [{"source": a, "target": b, "weight": 1} for a, b in edge_rows]
    written = write_network(out_dir, f"citation_network{suffix}", nodes, edges, directed=True)
    collab = run_sql(con, "site/network_files_collaboration", {"n": MAX_EXPORT_NODES * 2}).fetchall()
    strength: dict[str, int] = {}
    labels: dict[str, str] = {}
    for a, b, count, _, label_a, label_b in collab:
        strength[a] = strength.get(a, 0) + count
        strength[b] = strength.get(b, 0) + count
        labels[a], labels[b] = label_a, label_b
    collab_nodes = [{"id": name, "label": labels[name], "weight": strength[name]} for name in sorted(labels)]
    collab_edges = [{"source": a, "target": b, "weight": n, "link_type": t} for a, b, n, t, _, _ in collab]
    written += write_network(out_dir, f"collaboration_network{suffix}", collab_nodes, collab_edges,
                             directed=False)
    main_path = run_sql(con, "site/network_files_main_path").fetchall()
    write_csv(out_dir / f"main_path_edges{suffix}.csv", ["scope", "industry_code", "cited_id", "citing_id", "spc"],
              main_path)
    written.append(out_dir / f"main_path_edges{suffix}.csv")
    return [p.name for p in written]
