"""Communities on the undirected citation graph: Leiden (modularity) via igraph, seeded and deterministic.

Isolated patents (no in-corpus citation either way) get no community (-1). Community numbers are renumbered
by size (largest = 0), ties by the smallest member node, so they are stable across runs of the same input.

Nightly runs start from the previous night's partition (new patents as singletons) and make one Leiden pass:
Leiden only makes moves that raise modularity, so the result is never worse than yesterday's partition on
today's graph, most patents keep their community, and the pass costs a fraction of a cold start (bench/network.py
prints both). A full rebuild starts cold; on a graph of PARALLEL_MIN_EDGES or more it runs NetworKit's
parallel Louvain with refinement (PLM) on every core instead: at whole-US size igraph's Leiden runs on one core
for most of an hour, and bench/network.py reports PLM's modularity next to Leiden's on the same graph. PLM is
seeded, but its moves depend on how threads interleave, so such a partition can differ between runs; the nights
that follow start from it with Leiden as usual.
Labels (dominant topic / IPC subclass) are attached in SQL: sql/marts/networks_citation_community.sql.
"""

from __future__ import annotations

import numpy as np

LEIDEN_ITERATIONS = 2  # modularity barely moves after two passes on citation graphs
WARM_ITERATIONS = 1  # from yesterday's partition one pass suffices
EDGE_CHUNK = 4_000_000
PARALLEL_MIN_EDGES = 5_000_000


def community_method(edges: int, warm: bool) -> str:
    """Which algorithm detect_communities runs: 'leiden' (igraph) or 'plm' (NetworKit, cold starts of large
    graphs)."""
    return "plm" if not warm and edges >= PARALLEL_MIN_EDGES else "leiden"


def detect_communities(n: int, src: np.ndarray, dst: np.ndarray, seed: int = 42,
                       previous: np.ndarray | None = None, used: dict[str, str] | None = None) -> np.ndarray:
    """Community number per node 0..n-1 (-1 for isolated nodes).

    previous: an earlier community number per node (-1 = none: new or isolated then) to start from.
    used: receives the algorithm run under "method" (community_method)."""
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0 or len(src) == 0:
        return labels
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    # Undirected simple graph: one edge per unordered pair (A cites B and B cites A collapse).
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    linked = low != high
    key = low[linked] * n
    key += high[linked]
    del low, high, linked  # at 130M edges each of these is 1 GB; sort in place for the same reason
    key.sort()
    # Sort + neighbour compare: numpy 2.4's np.unique is ~30x slower here (hash path) on 10M keys.
    key = key[np.concatenate(([True], key[1:] != key[:-1]))] if key.size else key
    warm = previous is not None and bool((np.asarray(previous) >= 0).any())
    method = community_method(int(key.size), warm)
    if used is not None:
        used["method"] = method
    if method == "plm":
        raw = _plm_membership(n, key, seed)
    else:
        raw = _leiden_membership(n, key, seed, previous if warm else None)
    degree = np.bincount(key // n, minlength=n) + np.bincount(key % n, minlength=n)
    linked = degree > 0
    return renumber_by_size(np.where(linked, raw, -1))


def _plm_membership(n: int, key: np.ndarray, seed: int) -> np.ndarray:
    import networkit as nk

    from pipeline.enrich.parallel import default_workers

    nk.engineering.setNumberOfThreads(default_workers())
    nk.engineering.setSeed(seed, True)
    # keys are non-negative, so the quotient and remainder are viewed as the unsigned ids NetworKit reads, not
    # copied (at 130M edges each copy is 1 GB)
    first, second = (key // n).view(np.uint64), (key % n).view(np.uint64)
    graph = nk.GraphFromCoo((np.ones(key.size, dtype=np.float64), (first, second)), n=n, directed=False,
                            weighted=False)
    del first, second
    plm = nk.community.PLM(graph, refine=True)
    plm.run()
    return np.asarray(plm.getPartition().getVector(), dtype=np.int64)


def _leiden_membership(n: int, key: np.ndarray, seed: int, previous: np.ndarray | None) -> np.ndarray:
    import random

    import igraph

    graph = igraph.Graph(n=n, directed=False)
    for start in range(0, key.size, EDGE_CHUNK):
        part = key[start: start + EDGE_CHUNK]
        # igraph reads a numpy array element by element (~3x slower than tuples of Python ints) and a list
        # of 130M tuples would need ~15 GB, so edges go in as bounded lists of tuples; same edge order.
        graph.add_edges(list(zip((part // n).tolist(), (part % n).tolist(), strict=True)))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        if previous is not None:
            partition = graph.community_leiden(objective_function="modularity", n_iterations=WARM_ITERATIONS,
                                               initial_membership=starting_membership(np.asarray(previous)))
        else:
            partition = graph.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(partition.membership, dtype=np.int64)


def starting_membership(previous: np.ndarray) -> list[int]:
    """Earlier communities kept; every node without one (-1) starts alone, numbered after them."""
    start = np.asarray(previous, dtype=np.int64).copy()
    alone = start < 0
    start[alone] = start.max(initial=-1) + 1 + np.arange(int(alone.sum()))
    return start.tolist()


def renumber_by_size(raw: np.ndarray) -> np.ndarray:
    """0 = largest community; ties by smallest member index; -1 stays -1."""
    out = np.full(len(raw), -1, dtype=np.int64)
    valid = raw >= 0
    if not valid.any():
        return out
    ids, first, sizes = np.unique(raw[valid], return_index=True, return_counts=True)
    first_node = np.flatnonzero(valid)[first]
    order = np.lexsort((first_node, -sizes))
    new_id = np.empty(len(ids), dtype=np.int64)
    new_id[order] = np.arange(len(ids))
    out[valid] = new_id[np.searchsorted(ids, raw[valid])]
    return out
