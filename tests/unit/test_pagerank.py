"""Our sparse PageRank against networkx.pagerank (same model: alpha 0.85, uniform dangling and teleport)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from pipeline.analyse.citations import dedupe_edges, pagerank


def networkx_ranks(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    ranks = nx.pagerank(graph, alpha=0.85, tol=1e-13, max_iter=10_000)
    return np.array([ranks[i] for i in range(n)])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pagerank_matches_networkx_on_random_graphs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 200
    src, dst = rng.integers(0, n, 900), rng.integers(0, n, 900)
    keep = dedupe_edges(src, dst)
    ours = pagerank(n, src[keep], dst[keep])
    assert np.abs(ours - networkx_ranks(n, src[keep], dst[keep])).max() < 1e-6
    assert ours.sum() == pytest.approx(1.0)


def test_pagerank_with_dangling_and_isolated_nodes() -> None:
    # 0 cites 1, 1 cites 2, 3 cites 2; 2 is dangling (cites nothing), 4 is isolated.
    src, dst = np.array([0, 1, 3]), np.array([1, 2, 2])
    ours = pagerank(5, src, dst)
    assert np.abs(ours - networkx_ranks(5, src, dst)).max() < 1e-6
    assert ours.argmax() == 2


def test_pagerank_time_ordered_citation_graph() -> None:
    # Citations only point to older patents (a DAG, all rank ends in dangling roots) like real data.
    rng = np.random.default_rng(5)
    n = 500
    citing = rng.integers(1, n, 3000)
    cited = (rng.random(3000) * citing).astype(np.int64)
    keep = dedupe_edges(citing, cited)
    ours = pagerank(n, citing[keep], cited[keep])
    assert np.abs(ours - networkx_ranks(n, citing[keep], cited[keep])).max() < 1e-6
