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


def test_a_warm_start_keeps_the_communities_and_places_a_new_member_with_its_clique() -> None:
    n, src, dst = planted(0)
    before = detect_communities(n, src, dst, seed=42)
    # a new patent 26 citing four members of the 8-clique
    grown_src = np.concatenate([src, [26, 26, 26, 26]])
    grown_dst = np.concatenate([dst, [10, 11, 12, 13]])
    previous = np.concatenate([before, [-1]])
    after = detect_communities(n + 1, grown_src, grown_dst, seed=42, previous=previous)
    assert np.array_equal(after[:n], before)
    assert after[26] == after[10] == 1


def test_starting_membership_numbers_newcomers_after_the_known_communities() -> None:
    from pipeline.analyse.communities import starting_membership

    assert starting_membership(np.array([1, 0, -1, 1, -1])) == [1, 0, 2, 1, 3]
    assert starting_membership(np.array([-1, -1])) == [0, 1]


def test_a_cold_start_of_a_large_graph_runs_parallel_louvain_and_finds_the_same_cliques(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.analyse import communities

    assert communities.community_method(10_000_000, warm=False) == "plm"
    assert communities.community_method(10_000_000, warm=True) == "leiden"  # nights stay on yesterday's partition
    assert communities.community_method(1_000, warm=False) == "leiden"
    monkeypatch.setattr(communities, "PARALLEL_MIN_EDGES", 10)
    n, src, dst = planted(0)
    labels = detect_communities(n, src, dst, seed=42)
    assert set(labels[:10]) == {0} and set(labels[10:18]) == {1} and set(labels[18:24]) == {2}
    assert list(labels[24:]) == [-1, -1]
