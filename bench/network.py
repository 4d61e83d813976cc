"""Benchmark: citation metrics, SPC main paths and communities on a synthetic time-ordered citation graph.

    .venv/bin/python bench/network.py                       # 1M patents, 10M citations (the target scale)
    .venv/bin/python bench/network.py --nodes 100000 --edges 1000000
    .venv/bin/python bench/network.py --nodes 1000000 --edges 3200000 --skip-networkx   # the synthetic corpus's density

Graph: Price's model (preferential attachment to earlier nodes), generated with numpy. Patents are numbered
in time order; each citing patent gets a Poisson-ish number of references; a reference either picks a
uniformly random earlier patent (probability --uniform) or copies the target of a random earlier citation,
which is preferential attachment by in-degree. Copies are resolved by pointer jumping, so no Python loop.
Every edge points to an older patent: the graph is a DAG, as real citation data mostly is.

Baseline for the PageRank ratio: networkx.pagerank (default tol) on the induced subgraph of the first
--nx-nodes patents (networkx on 1M/10M would take very long), timed against ours on the same subgraph.
Peak RSS is the process maximum (resource.getrusage); phase RSS via psutil.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import psutil


def synthetic_citations(nodes: int, edges: int, uniform: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(citing, cited) arrays, sorted by citing, every cited < citing."""
    rng = np.random.default_rng(seed)
    citing = np.sort(rng.integers(1, nodes, edges))
    first_edge_of = np.searchsorted(citing, np.arange(nodes))  # index of the first edge of each citing node
    copy = rng.random(edges) >= uniform
    limit = first_edge_of[citing]  # earlier edges only: their citing node is strictly older
    copy &= limit > 0
    parent = np.arange(edges)
    parent[copy] = (rng.random(int(copy.sum())) * limit[copy]).astype(np.int64)
    cited = np.where(copy, -1, (rng.random(edges) * citing).astype(np.int64))
    while True:  # pointer jumping: each copy edge ends at the uniform edge its chain started from
        root = parent[parent]
        if np.array_equal(root, parent):
            break
        parent = root
    cited = cited[parent]
    return citing.astype(np.int64), cited.astype(np.int64)


def measure(label: str, results: dict[str, Any], function: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = function()
    seconds = time.perf_counter() - started
    rss = psutil.Process().memory_info().rss / 2**30
    results[label] = seconds
    print(f"{label:<34} {seconds:8.1f} s   rss now {rss:5.2f} GiB", flush=True)
    return value


def modularity(n: int, src: np.ndarray, dst: np.ndarray, labels: np.ndarray) -> float:
    import igraph

    graph = igraph.Graph(n=n, edges=np.stack([src, dst], axis=1), directed=False).simplify()
    membership = np.where(labels >= 0, labels, labels.max() + 1 + np.arange(n)).tolist()
    return float(graph.modularity(membership))


def networkit_communities(n: int, src: np.ndarray, dst: np.ndarray, igraph_labels: np.ndarray, t: dict[str, Any]
                          ) -> None:
    """What full builds of large graphs run (pipeline.analyse.communities, PLM with refinement), and PLM without
    refinement: NetworKit's parallel Louvain on the same simple undirected graph, its time and modularity against
    igraph's Leiden above."""
    import networkit as nk

    low, high = np.minimum(src, dst), np.maximum(src, dst)
    linked = low != high
    key = np.unique(low[linked] * n + high[linked])
    first, second = (key // n).astype(np.uint64), (key % n).astype(np.uint64)
    nk.engineering.setSeed(42, True)
    graph = measure("networkit graph build", t, lambda: nk.GraphFromCoo(
        (np.ones(len(key)), (first, second)), n=n, directed=False, weighted=False))
    reference = modularity(n, src, dst, igraph_labels)
    leiden_seconds = t["communities (Leiden, igraph)"]
    for refine in (False, True):
        label = f"communities PLM{' refine' if refine else ''} ({nk.getMaxNumberOfThreads()} threads)"

        def run(refine: bool = refine) -> np.ndarray:
            plm = nk.community.PLM(graph, refine=refine)
            plm.run()
            return np.asarray(plm.getPartition().getVector(), dtype=np.int64)

        labels = measure(label, t, run)
        degree = np.bincount(first.astype(np.int64), minlength=n) + np.bincount(second.astype(np.int64), minlength=n)
        labels = np.where(degree > 0, labels, -1)
        print(f"  {label}: {(t[label] + t['networkit graph build']) / leiden_seconds:.2f} x igraph Leiden's time "
              f"(graph build included); modularity {modularity(n, src, dst, labels):.4f} vs Leiden {reference:.4f}")


def week_communities(src: np.ndarray, dst: np.ndarray, n: int, week: int, t: dict[str, Any]) -> None:
    """The nightly case: yesterday's graph (all but the newest `week` patents) has communities; today's graph
    adds the week. Cold start on today's graph (the baseline) vs warm start from yesterday's partition."""
    from pipeline.analyse.communities import detect_communities

    old = n - week
    before = (src < old) & (dst < old)
    yesterday = detect_communities(old, src[before], dst[before], seed=42)
    previous = np.concatenate([yesterday, np.full(week, -1)])
    cold_label, warm_label = f"communities cold (+{week:,} patents)", f"communities warm (+{week:,} patents)"
    cold = measure(cold_label, t, lambda: detect_communities(n, src, dst, seed=42))
    warm = measure(warm_label, t, lambda: detect_communities(n, src, dst, seed=42, previous=previous))
    kept = float(np.mean(_same_pairs(yesterday, warm[:old])))
    print(f"warm / cold time ratio {t[warm_label] / t[cold_label]:.2f}; "
          f"modularity warm {modularity(n, src, dst, warm):.4f} vs cold {modularity(n, src, dst, cold):.4f}; "
          f"share of sampled patent pairs that yesterday's partition put together and stay together: {kept:.3f}")


def _same_pairs(before: np.ndarray, after: np.ndarray, samples: int = 200_000, seed: int = 3) -> np.ndarray:
    """Pairs drawn inside yesterday's communities: are they still in one community?"""
    rng = np.random.default_rng(seed)
    order = np.argsort(before, kind="stable")
    grouped = before[order]
    valid = order[grouped >= 0]
    pick = rng.integers(0, len(valid), samples)
    a = valid[pick]
    # the partner: a random node of the same community (searchsorted over the sorted labels)
    labels = before[a]
    lo = np.searchsorted(grouped, labels, side="left")
    hi = np.searchsorted(grouped, labels, side="right")
    b = order[lo + (rng.random(samples) * (hi - lo)).astype(np.int64)]
    return after[a] == after[b]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=10_000_000)
    parser.add_argument("--uniform", type=float, default=0.3)
    parser.add_argument("--nx-nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--week", type=int, default=7_000, help="new patents for the warm-start comparison")
    args = parser.parse_args()

    from pipeline.analyse.citations import break_cycles, dedupe_edges, pagerank
    from pipeline.analyse.communities import detect_communities
    from pipeline.analyse.mainpath import global_main_path, key_route_main_path, search_path_count

    t: dict[str, Any] = {}
    n = args.nodes
    citing, cited = measure("generate graph", t, lambda: synthetic_citations(n, args.edges, args.uniform,
                                                                             args.seed))
    keep = measure("dedupe + self-loops", t, lambda: dedupe_edges(citing, cited))
    src, dst = citing[keep], cited[keep]
    print(f"graph: {n:,} patents, {len(src):,} unique citations (of {args.edges:,} generated)")
    measure("degrees", t, lambda: (np.bincount(dst, minlength=n), np.bincount(src, minlength=n)))
    rank = measure("pagerank (ours, scipy.sparse)", t, lambda: pagerank(n, src, dst))
    years = (np.arange(n) * 30 // n + 1995).astype(np.float64)
    names = np.arange(n).astype(str)
    dag, _ = measure("cycle detection (SCC)", t, lambda: break_cycles(n, src, dst, years, names))
    spc = measure("SPC (log-scale)", t, lambda: search_path_count(n, dst[dag], src[dag], exact=False))
    measure("main paths (global + key-route)", t,
            lambda: (global_main_path(n, spc), key_route_main_path(n, spc, 10)))
    labels = measure("communities (Leiden, igraph)", t, lambda: detect_communities(n, src, dst, seed=42))
    total = sum(v for k, v in t.items() if k != "generate graph")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\nall metrics (excluding generation): {total:.1f} s (target <= 300 s); peak RSS {peak:.2f} GiB "
          f"(target <= 8 GiB)")
    print(f"pagerank sum {rank.sum():.6f}; max log10 SPC {spc.log_spc.max() / np.log(10):.1f}; "
          f"communities {labels.max() + 1:,}")

    networkit_communities(n, src, dst, labels, t)
    week_communities(src, dst, n, args.week, t)

    if not args.skip_networkx:
        import networkx as nx

        m = min(args.nx_nodes, n)
        inside = (src < m) & (dst < m)
        sub_src, sub_dst = src[inside], dst[inside]
        graph = nx.DiGraph()
        graph.add_nodes_from(range(m))
        graph.add_edges_from(zip(sub_src.tolist(), sub_dst.tolist(), strict=True))
        started = time.perf_counter()
        expected = nx.pagerank(graph)
        nx_seconds = time.perf_counter() - started
        tight = nx.pagerank(graph, tol=1e-12, max_iter=1000)
        print(f"\nPageRank on the first {m:,} patents ({len(sub_src):,} citations); networkx default "
              f"(tol 1e-6): {nx_seconds:.2f} s")
        for tol in (1e-6, 1e-12):  # same stopping rule as networkx's default, then our default
            started = time.perf_counter()
            ours = pagerank(m, sub_src, sub_dst, tol=tol)
            our_seconds = time.perf_counter() - started
            diff = max(abs(ours[i] - tight[i]) for i in range(m))
            print(f"  ours tol {tol:g}: {our_seconds:.3f} s -> {nx_seconds / our_seconds:.0f}x faster than "
                  f"networkx default; max |diff| vs networkx tol 1e-12: {diff:.1e}")
        nx_diff = max(abs(expected[i] - tight[i]) for i in range(m))
        print(f"  (networkx default vs networkx tol 1e-12: max |diff| {nx_diff:.1e} -- its own tolerance)")


if __name__ == "__main__":
    main()
