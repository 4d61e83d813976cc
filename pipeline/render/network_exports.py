"""Network exports for Gephi (GEXF, GraphML via networkx writers), VOSviewer (map + network files) and CSV.

VOSviewer formats (VOSviewer manual, "Map file" / "Network file"): the map file is tab-separated with a header
row; columns id (positive integer), label, x, y, cluster (positive integer), then weight<...> columns. The
network file has no header; each line is `id1<TAB>id2<TAB>strength`.

Everything goes under <output>/exports/networks/. File names are sanitised; CSV text cells starting with
= + - @ get a leading apostrophe so spreadsheets do not run them as formulas. When any exported record is
synthetic the file names say 'synthetic' and every node carries is_synthetic.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from pipeline.settings import Settings

MAX_EXPORT_NODES = 2000  # Gephi/VOSviewer files are for reading, not for the whole 1M-node graph


def sanitise_name(name: str) -> str:
    """A safe file-name stem: letters, digits, dot, dash, underscore; no leading dot; never empty."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "network"
    return cleaned[:120]


def neutralise_cell(value: Any) -> Any:
    """Prefix text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else neutralise_cell(v) for v in row])


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
    stem = sanitise_name(stem)
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


def _any_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("select coalesce(bool_or(is_synthetic), false) from core.patent").fetchone()
    return bool(row and row[0])


def _entity_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Display names from the networks step's nw_entity view (absent when called on its own)."""
    try:
        return dict(con.execute("select entity_id, min(label) from nw_entity group by all").fetchall())
    except duckdb.Error:
        return {}


def write_warehouse_exports(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[str]:
    """Citation network (top patents by PageRank and the edges among them) and the collaboration network."""
    out_dir = settings.output / "exports" / "networks"
    synthetic = _any_synthetic(con)
    suffix = "_synthetic" if synthetic else ""
    top = con.execute(
        "select m.patent_id, coalesce(p.title, m.patent_id), m.community_id, m.forward_citations, m.pagerank, "
        "m.core_score, p.filing_year, p.is_synthetic from mart.patent_citation_metrics as m "
        "join core.patent as p using (patent_id) order by m.pagerank desc, m.patent_id limit $n",
        {"n": MAX_EXPORT_NODES}).fetchall()
    nodes = [{"id": r[0], "label": r[1], "cluster": r[2], "weight": r[3], "pagerank": r[4], "core_score": r[5],
              "filing_year": r[6], "is_synthetic": bool(r[7])} for r in top]
    import pyarrow as pa

    con.register("nw_export_ids", pa.table({"patent_id": pa.array([r[0] for r in top], pa.string())}))
    try:
        edge_rows = con.execute(
            "select distinct c.citing_patent_id, c.cited_patent_id from core.citation as c "
            "where c.cited_patent_id in (select patent_id from nw_export_ids) "
            "and c.citing_patent_id in (select patent_id from nw_export_ids) "
            "and c.citing_patent_id <> c.cited_patent_id order by 1, 2").fetchall()
    finally:
        con.unregister("nw_export_ids")
    edges = [{"source": a, "target": b, "weight": 1} for a, b in edge_rows]
    written = write_network(out_dir, f"citation_network{suffix}", nodes, edges, directed=True)
    collab = con.execute(
        "select entity_a, entity_b, patent_count, link_type from mart.collaboration_edge "
        "order by patent_count desc, entity_a, entity_b limit $n", {"n": MAX_EXPORT_NODES * 2}).fetchall()
    names = sorted({r[0] for r in collab} | {r[1] for r in collab})
    labels = _entity_labels(con)
    strength: dict[str, int] = {}
    for a, b, count, _ in collab:
        strength[a] = strength.get(a, 0) + count
        strength[b] = strength.get(b, 0) + count
    collab_nodes = [{"id": name, "label": labels.get(name, name), "weight": strength[name]} for name in names]
    collab_edges = [{"source": a, "target": b, "weight": n, "link_type": t} for a, b, n, t in collab]
    written += write_network(out_dir, f"collaboration_network{suffix}", collab_nodes, collab_edges,
                             directed=False)
    main_path = con.execute("select scope, industry_code, cited_id, citing_id, spc from mart.main_path_edge "
                            "order by all").fetchall()
    write_csv(out_dir / f"main_path_edges{suffix}.csv", ["scope", "industry_code", "cited_id", "citing_id", "spc"],
              main_path)
    written.append(out_dir / f"main_path_edges{suffix}.csv")
    return [p.name for p in written]
