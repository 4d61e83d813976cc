"""Leiden communities: planted partitions are found, results are deterministic, isolated nodes get none."""

from __future__ import annotations

import numpy as np

from pipeline.analyse.communities import detect_communities, renumber_by_size


def planted(seed: int) -> tuple[int, np.ndarray, np.ndarray]:
    # Three dense cliques of 10, 8 and 6 nodes joined by single bridges, plus two isolated nodes (24, 25).
    rng = np.random.default_rng(seed)
    src, dst, start = [], [], 0
    for size in (10, 8, 6):
        members = list(range(start, start + size))
        for i in members:
            for j in members:
                if i < j:
                    src.append(j)
                    dst.append(i)
        start += size
    src += [10, 18]
    dst += [0, 10]
    order = rng.permutation(len(src))
    return 26, np.array(src)[order], np.array(dst)[order]


def test_planted_cliques_are_recovered() -> None:
    n, src, dst = planted(0)
    labels = detect_communities(n, src, dst, seed=42)
    assert set(labels[:10]) == {0} and set(labels[10:18]) == {1} and set(labels[18:24]) == {2}
    assert list(labels[24:]) == [-1, -1]


def test_deterministic_for_a_seed_and_edge_order() -> None:
    n, src, dst = planted(0)
    first = detect_communities(n, src, dst, seed=42)
    again = detect_communities(n, src, dst, seed=42)
    shuffled = detect_communities(*planted(3), seed=42)
    assert np.array_equal(first, again) and np.array_equal(first, shuffled)


def test_renumber_by_size_largest_first_ties_by_first_member() -> None:
    assert list(renumber_by_size(np.array([5, 7, 7, -1, 5, 9, 9, 9]))) == [1, 2, 2, -1, 1, 0, 0, 0]
