"""Citation graph, patent metrics and the `networks` step.

DuckDB does the joins (sql/marts/networks_*.sql); numpy/scipy.sparse do the graph maths so 1M-node graphs fit
in minutes. The graph: in-corpus patents are nodes, edges citing -> cited (year and category kept); cited
references outside the corpus are light nodes ('ext:<number>') that count in backward citations and exports
but not in PageRank or SPC; duplicate edges and self-loops are removed.

Cycle rule (recorded per dropped edge in mart.citation_cycle_break): only edges inside a strongly connected
component can close a cycle. Within one, nodes are ordered by (year, patent id); an edge whose citing patent is
not later in that order than its cited patent is dropped -- rule 'time_order' when the citing patent is older
(a citation back in time: family members, data errors), 'same_year_id_order' when both share a year. The kept
edges all point strictly backwards in a total order, so the result is a DAG in one pass.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from pipeline.db import table_exists, transaction
from pipeline.settings import Settings
from pipeline.sql import read_sql, run_sql

PAGERANK_ALPHA = 0.85
CORE_TOP_N = 20
KEY_ROUTE_K = 10


@dataclass
class CitationGraph:
    """Nodes 0..n-1 named by ids; edges src (citing) -> dst (cited), unique, no self-loops."""

    ids: np.ndarray  # object array of str
    src: np.ndarray
    dst: np.ndarray
    year: np.ndarray  # per node, float64, NaN = unknown (per node, not per edge: 1 GB less at 130M edges)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def src_year(self) -> np.ndarray:
        return self.year[self.src]

    @property
    def dst_year(self) -> np.ndarray:
        return self.year[self.dst]


def index_edges(citing: np.ndarray, cited: np.ndarray, ids: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Map id strings to node numbers (sorted ids, deterministic); extra ids (isolated nodes) may be given."""
    pool = np.concatenate([np.asarray(citing, dtype=object), np.asarray(cited, dtype=object)]
                          + ([np.asarray(ids, dtype=object)] if ids is not None else []))
    names, inverse = np.unique(pool.astype(str), return_inverse=True)
    return names.astype(object), inverse[: len(citing)].astype(np.int64), inverse[len(citing): 2 * len(citing)
                                                                                ].astype(np.int64)


def dedupe_edges(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each (src, dst) pair, self-loops removed, in input order."""
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    keep = np.flatnonzero(src != dst)
    if keep.size == 0:
        return keep
    width = int(max(src.max(), dst.max())) + 1
    key = src[keep] * width + dst[keep]
    _, first = np.unique(key, return_index=True)
    return keep[np.sort(first)]


def break_cycles(n: int, src: np.ndarray, dst: np.ndarray, year: np.ndarray, names: np.ndarray
                 ) -> tuple[np.ndarray, list[str]]:
    """Boolean keep-mask over edges making the graph acyclic, and the rule for every dropped edge.

    See the module docstring for the rule. year is per node (NaN = unknown, treated as +inf = newest).
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    keep = np.ones(len(src), dtype=bool)
    if len(src) == 0:
        return keep, []
    graph = csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, label = connected_components(graph, directed=True, connection="strong")
    inside = label[src] == label[dst]
    if not inside.any():
        return keep, []
    node_year = np.where(np.isnan(year), np.inf, year)
    order = np.lexsort((np.asarray(names, dtype=str), node_year))  # by year, then id
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    drop = inside & (position[src] < position[dst])
    keep[drop] = False
    rules = ["time_order" if node_year[s] < node_year[d] else "same_year_id_order"
             for s, d in zip(src[drop], dst[drop], strict=True)]
    return keep, rules


def pagerank(n: int, src: np.ndarray, dst: np.ndarray, alpha: float = PAGERANK_ALPHA, tol: float = 1e-12,
             max_iter: int = 1000) -> np.ndarray:
    """PageRank by sparse power iteration, the same model as networkx.pagerank's defaults.

    Rank flows along src -> dst (citing -> cited, so cited patents gain); dangling nodes spread their rank
    uniformly; uniform teleport. Stops when the L1 change < n * tol (networkx's criterion, tighter tol).
    """
    import scipy.sparse as sp

    if n == 0:
        return np.zeros(0)
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    out_deg = np.bincount(src, minlength=n).astype(np.float64)
    weight = 1.0 / out_deg[src] if len(src) else np.zeros(0)
    # Row = target, so one sparse mat-vec moves rank from every source to its targets.
    move = sp.csr_matrix((weight, (dst, src)), shape=(n, n))
    dangling = out_deg == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        rank = alpha * (move @ previous) + (alpha * previous[dangling].sum() + 1.0 - alpha) / n
        if np.abs(rank - previous).sum() < n * tol:
            break
    return rank / rank.sum()


def graph_from_frame(edges: dict[str, np.ndarray], extra_ids: np.ndarray | None = None,
                     node_years: dict[str, float] | None = None) -> tuple[CitationGraph, np.ndarray]:
    """CitationGraph from citing_id/cited_id(/citing_year/cited_year) columns; returns the graph and the kept
    row indices of the input (after removing self-loops and duplicates)."""
    ids, src, dst = index_edges(edges["citing_id"], edges["cited_id"], extra_ids)
    kept = dedupe_edges(src, dst)
    year = np.full(len(ids), np.nan)
    for column, ends in (("citing_year", src), ("cited_year", dst)):
        if column in edges:
            values = np.asarray(edges[column], dtype=np.float64)
            known = ~np.isnan(values)
            year[ends[known]] = values[known]
    if node_years:
        lookup = {name: i for i, name in enumerate(ids)}
        for name, value in node_years.items():
            if name in lookup and value is not None and not np.isnan(value):
                year[lookup[name]] = value
    graph = CitationGraph(ids, src[kept], dst[kept], year)
    return graph, kept


def unique_sorted_edges(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (src, dst) pairs without self-loops, ordered by (src, dst): the order graph_from_frame gives
    edges read sorted by (citing id, cited id) when nodes are numbered in id order. One int64 sort instead of
    np.unique over strings, so 130M edges take seconds and ~3 GB."""
    key = np.asarray(src, dtype=np.int64) * n
    key += dst
    key = key[np.asarray(src) != np.asarray(dst)]
    key.sort()
    if key.size:
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
    return key // n, key % n


@dataclass
class NetworkResult:
    forward: np.ndarray
    backward: np.ndarray
    pagerank: np.ndarray
    community: np.ndarray  # -1 = isolated (no community)
    dag_keep: np.ndarray  # mask over graph edges
    cycle_rules: list[str]
    spc: Any  # mainpath.SpcResult over the DAG edges (flow direction cited -> citing)
    global_path: list[int]  # indices into the DAG edge arrays
    key_route: list[int]
    community_method: str = "none"  # pipeline.analyse.communities.community_method, or none when not run


def analyse_graph(graph: CitationGraph, key_route_k: int = KEY_ROUTE_K, seed: int = 42,
                  with_communities: bool = True, previous_communities: np.ndarray | None = None,
                  seconds: dict[str, float] | None = None) -> NetworkResult:
    """Every per-graph algorithm: degrees, PageRank, cycle breaking, SPC + main paths, communities (started
    from previous_communities, one per node with -1 for none, when given). `seconds`, when given, receives the
    time of each algorithm (the whole-US benchmark prints them)."""
    from pipeline.analyse.communities import detect_communities
    from pipeline.analyse.mainpath import global_main_path, key_route_main_path, search_path_count

    clock = _Clock(seconds)
    n = graph.n
    forward = np.bincount(graph.dst, minlength=n)
    backward = np.bincount(graph.src, minlength=n)
    rank = pagerank(n, graph.src, graph.dst)
    clock.lap("pagerank")
    # communities before the main paths: at whole-US size the SPC arrays (GBs per edge column) and a parallel
    # community pass must not be in memory at the same time
    used: dict[str, str] = {"method": "none"}
    community = (detect_communities(n, graph.src, graph.dst, seed=seed, previous=previous_communities, used=used)
                 if with_communities
                 else np.full(n, -1, dtype=np.int64))
    clock.lap("communities")
    keep, rules = break_cycles(n, graph.src, graph.dst, graph.year, graph.ids)
    clock.lap("cycles")
    spc = search_path_count(n, graph.dst[keep], graph.src[keep])
    paths = global_main_path(n, spc), key_route_main_path(n, spc, key_route_k)
    clock.lap("spc_main_paths")
    return NetworkResult(forward, backward, rank, community, keep, rules, spc, *paths, used["method"])


class _Clock:
    """Seconds since the previous lap, recorded under each label (nothing when no dict is given)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into = into
        self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[label] = round(now - self.last, 2)
        self.last = now


def main_path_rows_of(graph: CitationGraph, industry: str, key_route_k: int = KEY_ROUTE_K) -> list[tuple[Any, ...]]:
    """mart.main_path_edge rows of one graph: what analyse_graph + main_path_rows give, without the PageRank
    and degrees a per-industry subgraph does not need."""
    from pipeline.analyse.mainpath import global_main_path, key_route_main_path, search_path_count

    keep, _ = break_cycles(graph.n, graph.src, graph.dst, graph.year, graph.ids)
    spc = search_path_count(graph.n, graph.dst[keep], graph.src[keep])
    return _path_rows(graph, spc, global_main_path(graph.n, spc), key_route_main_path(graph.n, spc, key_route_k),
                      industry)


# ---------------------------------------------------------------- warehouse step


def bind_inputs(con: duckdb.DuckDBPyConnection) -> dict[str, bool]:
    """Temp views over the enrich tables, or empty/fallback stand-ins when a table is absent."""
    present = {
        "industry": table_exists(con, "enrich.patent_industry"),
        "zone": table_exists(con, "enrich.patent_zone"),
        "entity": table_exists(con, "enrich.patent_applicant") and table_exists(con, "enrich.applicant_entity"),
        "topic": table_exists(con, "enrich.patent_topic") and table_exists(con, "enrich.topic"),
    }
    run_sql(con, "marts/networks_view_industry" + ("" if present["industry"] else "_empty"))
    run_sql(con, "marts/networks_view_zone" + ("" if present["zone"] else "_empty"))
    run_sql(con, "marts/networks_view_entity" + ("" if present["entity"] else "_fallback"))
    run_sql(con, "marts/networks_view_topic" + ("" if present["topic"] else "_empty"))
    return present


def main_path_rows(graph: CitationGraph, result: NetworkResult, industry: str) -> list[tuple[Any, ...]]:
    """mart.main_path_edge rows (scope, industry, cited_id, citing_id, spc, spc_log10) for one graph."""
    return _path_rows(graph, result.spc, result.global_path, result.key_route, industry)


def _path_rows(graph: CitationGraph, spc: Any, global_path: list[int], key_route: list[int], industry: str
               ) -> list[tuple[Any, ...]]:
    chosen = np.asarray(global_path + key_route, dtype=np.int64)
    if spc.spc is not None:
        values = spc.spc_float()[chosen]
    else:  # only the path edges: exp over every edge of a 130M-edge graph is 1 GB for a few dozen values
        with np.errstate(over="ignore"):
            values = np.exp(spc.log_spc[chosen])
    rows = []
    for i, (scope, e) in enumerate([("global", e) for e in global_path] + [("key_route", e) for e in key_route]):
        rows.append((scope, industry, str(graph.ids[spc.tail[e]]), str(graph.ids[spc.head[e]]),
                     float(values[i]), float(spc.log_spc[e] / np.log(10.0))))
    return rows


def _subgraph(graph: CitationGraph, inside: np.ndarray) -> CitationGraph:
    """The graph induced by the nodes where `inside` is true, renumbered in node order."""
    mask = inside[graph.src] & inside[graph.dst]
    renumber = np.cumsum(inside) - 1
    return CitationGraph(graph.ids[inside], renumber[graph.src[mask]], renumber[graph.dst[mask]],
                         graph.year[inside])


def previous_communities(con: duckdb.DuckDBPyConnection, ids: np.ndarray) -> np.ndarray | None:
    """Last run's community per node of the graph (-1 for none), or None when there was no earlier run."""
    import pyarrow as pa

    if not table_exists(con, "mart.patent_citation_metrics"):
        return None
    con.register("nw_graph_node", pa.table({"node": pa.array(np.arange(len(ids), dtype=np.int64)),
                                            "patent_id": pa.array(ids.astype(str).tolist(), pa.string())}))
    try:
        previous = np.asarray(run_sql(con, "marts/networks_previous_community").fetchnumpy()["community_id"],
                              dtype=np.int64)
    finally:
        con.unregister("nw_graph_node")
    return previous if (previous >= 0).any() else None


def run_networks(con: duckdb.DuckDBPyConnection, settings: Settings, warm_start: bool = True) -> dict[str, Any]:
    """Step: rebuild every mart.* network table; tolerates absent enrich tables (the render step writes the
    Gephi/VOSviewer exports from these marts).

    warm_start: communities start from the last run's (see communities.py); a full rebuild passes False."""
    import pyarrow as pa

    from pipeline.analyse.collaboration import build_collaboration
    from pipeline.warehouse.schema import apply_comments

    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    present = bind_inputs(con)
    # Nodes are the corpus's patents numbered in patent_id order, so the patents frame is in node order and
    # edges arrive as node numbers: no string ever goes through Python per edge (130M edges at whole-US scale).
    run_sql(con, "marts/networks_nodes")
    try:
        patents = con.sql(read_sql("marts/networks_patents")).to_arrow_table()
        edges = con.sql(read_sql("marts/networks_node_edges")).fetchnumpy()
    finally:
        con.execute("drop table if exists nw_node")
    n = patents.num_rows
    ids = patents["patent_id"].to_numpy(zero_copy_only=False)
    year = patents["filing_year"].cast(pa.float64()).fill_null(np.nan).to_numpy()
    src, dst = unique_sorted_edges(edges.pop("citing_node"), edges.pop("cited_node"), n)
    del edges
    graph = CitationGraph(ids, src, dst, year)
    clock.lap("load")
    previous = previous_communities(con, graph.ids) if warm_start else None
    clock.lap("previous_communities")
    result = analyse_graph(graph, previous_communities=previous, seconds=timings)
    clock.lap("graph_total")
    community = result.community
    community_method = result.community_method
    metrics = pa.table({
        "patent_id": patents["patent_id"],
        "filing_year": patents["filing_year"].cast(pa.int32()),
        "industry_code": patents["industry_code"],
        "family_size": patents["family_size"].cast(pa.int32()),
        "claims_count": patents["claims_count"].cast(pa.int32()),
        "cited_by_count_reported": patents["cited_by_count_reported"].cast(pa.int32()),
        "forward_citations": pa.array(result.forward.astype(np.int64)),
        "backward_citations": pa.array(result.backward.astype(np.int64)
                                       + patents["external_refs"].to_numpy().astype(np.int64)),
        "pagerank": pa.array(result.pagerank),
        "community_id": pa.array(community, pa.int64(), mask=community < 0),
    })
    dropped = ~result.dag_keep
    breaks = pa.table({
        "citing_id": pa.array([str(x) for x in graph.ids[graph.src[dropped]]], pa.string()),
        "cited_id": pa.array([str(x) for x in graph.ids[graph.dst[dropped]]], pa.string()),
        "citing_year": pa.array(graph.year[graph.src[dropped]], pa.float64()).cast(pa.int32()),
        "cited_year": pa.array(graph.year[graph.dst[dropped]], pa.float64()).cast(pa.int32()),
        "rule": pa.array(result.cycle_rules, pa.string()),
    })
    path_rows = main_path_rows(graph, result, "ALL")
    del result
    industry = patents["industry_code"].to_numpy(zero_copy_only=False)
    for code in sorted({str(c) for c in pa.compute.unique(patents["industry_code"]).to_pylist() if c is not None}):
        sub = _subgraph(graph, industry == code)
        if len(sub.src):
            path_rows += main_path_rows_of(sub, code)
    clock.lap("industry_main_paths")
    paths = pa.table({name: pa.array([r[i] for r in path_rows], kind) for i, (name, kind) in enumerate(
        [("scope", pa.string()), ("industry_code", pa.string()), ("cited_id", pa.string()),
         ("citing_id", pa.string()), ("spc", pa.float64()), ("spc_log10", pa.float64())])})
    members = metrics.select(["patent_id", "community_id"]).filter(pa.compute.is_valid(metrics["community_id"]))
    con.register("nw_metrics_input", metrics)
    con.register("nw_cycle_break", breaks)
    con.register("nw_main_path", paths)
    con.register("nw_community", members)
    try:
        with transaction(con):
            run_sql(con, "marts/networks_patent_citation_metrics")
            run_sql(con, "marts/networks_core_patent", {"threshold": settings.headline_threshold,
                                                          "top_n": CORE_TOP_N})
            run_sql(con, "marts/networks_main_path_edge")
            run_sql(con, "marts/networks_citation_cycle_break")
            run_sql(con, "marts/networks_citation_community")
            collaboration = build_collaboration(con, settings)
    finally:
        for name in ("nw_metrics_input", "nw_cycle_break", "nw_main_path", "nw_community"):
            con.unregister(name)
    apply_comments(con)
    clock.lap("tables_and_marts")
    return {
        "patents": int(graph.n),
        "in_corpus_edges": len(graph.src),
        "external_refs": int(pa.compute.sum(patents["external_refs"]).as_py() or 0),
        "cycle_edges_dropped": int(dropped.sum()),
        "main_path_edges": len(path_rows),
        "communities": int(community.max() + 1) if graph.n else 0,
        "communities_from": "previous run" if previous is not None else "cold start",
        "communities_method": community_method,
        "enrich_inputs": present,
        **collaboration,
        "seconds": round(time.perf_counter() - started, 2),
        "phase_seconds": timings,
    }
