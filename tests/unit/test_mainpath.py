"""SPC and main paths on hand-built graphs; values below are worked out by hand in the comments."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.analyse.citations import (
    analyse_graph,
    break_cycles,
    dedupe_edges,
    graph_from_frame,
    unique_sorted_edges,
)
from pipeline.analyse.mainpath import global_main_path, key_route_main_path, search_path_count

# Knowledge-flow graph (u -> v = cited -> citing), two sources A, B and two sinks F, G:
#   0 A->C  1 B->C  2 A->D  3 C->D  4 C->E  5 D->F  6 D->G  7 E->F
# N-(x) = paths source..x:  A=1 B=1 C=A+B=2 D=A+C=3 E=C=2 F=D+E=5 G=D=3
# N+(x) = paths x..sink:    F=1 G=1 D=F+G=2 E=F=1 C=D+E=3 A=C+D=5 B=C=3
# check: all source-sink paths = N+(A)+N+(B) = 8 = N-(F)+N-(G)
# SPC = N-(u) * N+(v):
#   A->C 1*3=3  B->C 1*3=3  A->D 1*2=2  C->D 2*2=4  C->E 2*1=2  D->F 3*1=3  D->G 3*1=3  E->F 2*1=2
NAMES = "ABCDEFG"
FLOW = [("A", "C"), ("B", "C"), ("A", "D"), ("C", "D"), ("C", "E"), ("D", "F"), ("D", "G"), ("E", "F")]
EXPECTED_SPC = [3, 3, 2, 4, 2, 3, 3, 2]


def flow_arrays() -> tuple[np.ndarray, np.ndarray]:
    return (np.array([NAMES.index(u) for u, _ in FLOW]), np.array([NAMES.index(v) for _, v in FLOW]))


@pytest.mark.parametrize("exact", [True, False])
def test_spc_matches_hand_computation(exact: bool) -> None:
    tail, head = flow_arrays()
    result = search_path_count(7, tail, head, exact=exact)
    assert np.allclose(result.spc_float(), EXPECTED_SPC, rtol=1e-12)
    if exact:
        assert result.spc is not None and list(result.spc) == EXPECTED_SPC
        assert list(result.n_minus) == [1, 1, 2, 3, 2, 5, 3]
        assert list(result.n_plus) == [5, 3, 3, 2, 1, 1, 1]


def test_global_and_key_route_main_paths() -> None:
    tail, head = flow_arrays()
    result = search_path_count(7, tail, head)
    # Best source edge: A->C (3) ties B->C (3) -> smaller index 0; from C: C->D (4) beats C->E (2);
    # from D: D->F (3) ties D->G (3) -> index 5; F is a sink.
    assert global_main_path(7, result) == [0, 3, 5]
    # k=1: key edge C->D, backwards A->C (tie with B->C, index 0), forwards D->F.
    assert key_route_main_path(7, result, k=1) == [0, 3, 5]
    # k=3: C->D, then the SPC-3 edges by index A->C, B->C; B->C extends forwards through C->D, D->F.
    assert key_route_main_path(7, result, k=3) == [0, 1, 3, 5]


def test_citation_input_direction_duplicates_and_self_loops() -> None:
    # The same graph given as citing -> cited, with a duplicate (D cites C twice) and a self-loop (G cites G).
    citing = [v for _, v in FLOW] + ["D", "G"]
    cited = [u for u, _ in FLOW] + ["C", "G"]
    graph, kept = graph_from_frame({"citing_id": np.array(citing, dtype=object),
                                    "cited_id": np.array(cited, dtype=object)})
    assert list(kept) == list(range(8))
    result = analyse_graph(graph)
    by_pair = {(graph.ids[u], graph.ids[v]): int(s)
               for u, v, s in zip(result.spc.tail, result.spc.head, result.spc.spc, strict=True)}
    assert by_pair == {edge: spc for edge, spc in zip(FLOW, EXPECTED_SPC, strict=True)}
    # Forward citations (times cited) of C: D and E cite it; backward of D: it cites A and C.
    c, d = list(graph.ids).index("C"), list(graph.ids).index("D")
    assert result.forward[c] == 2 and result.backward[d] == 2


def test_dedupe_edges_keeps_first_occurrence() -> None:
    assert list(dedupe_edges(np.array([0, 1, 0, 2, 1]), np.array([1, 2, 1, 2, 2]))) == [0, 1]


def test_node_pairs_give_the_edges_graph_from_frame_gives_sorted_id_rows() -> None:
    # The warehouse step numbers nodes in id order and reads node pairs unsorted, with duplicates and
    # self-loops; graph_from_frame reads the same citations as id strings sorted by (citing, cited).
    rng = np.random.default_rng(5)
    names = np.array(sorted(f"US{i:07d}" for i in rng.choice(10**7, 300, replace=False)), dtype=object)
    citing, cited = rng.integers(0, 300, 5000), rng.integers(0, 300, 5000)
    src, dst = unique_sorted_edges(citing.astype(np.int32), cited.astype(np.int32), 300)
    rows = sorted(zip(names[citing], names[cited], strict=True))
    graph, _ = graph_from_frame({"citing_id": np.array([r[0] for r in rows], dtype=object),
                                 "cited_id": np.array([r[1] for r in rows], dtype=object)}, extra_ids=names)
    assert list(graph.ids) == list(names)
    assert graph.src.tolist() == src.tolist() and graph.dst.tolist() == dst.tolist()


def test_cycle_breaking_rules() -> None:
    # X(2010) cites Y(2005) and Y(2005) cites X(2010): Y->X goes back in time -> dropped, 'time_order'.
    # P(2008) and Q(2008) cite each other: same year, order by id P < Q; the edge whose citing node comes
    # first (P cites Q) is dropped, 'same_year_id_order'. Z(2012) cites X: not in a cycle, kept.
    names = np.array(["P", "Q", "X", "Y", "Z"], dtype=object)
    year = np.array([2008, 2008, 2010, 2005, 2012], dtype=float)
    src = np.array([2, 3, 0, 1, 4])
    dst = np.array([3, 2, 1, 0, 2])
    keep, rules = break_cycles(5, src, dst, year, names)
    assert list(keep) == [True, False, False, True, True]
    assert rules == ["time_order", "same_year_id_order"]


def test_cycle_in_input_is_broken_before_spc() -> None:
    graph, _ = graph_from_frame({
        "citing_id": np.array(["B", "A", "C"], dtype=object), "cited_id": np.array(["A", "B", "B"], dtype=object),
        "citing_year": np.array([2001.0, 2000.0, 2003.0]), "cited_year": np.array([2000.0, 2001.0, 2001.0])})
    result = analyse_graph(graph)
    assert int((~result.dag_keep).sum()) == 1 and result.cycle_rules == ["time_order"]
    # DAG flow A->B->C: SPC(A->B) = 1*1, SPC(B->C) = 1*1.
    assert sorted(int(s) for s in result.spc.spc) == [1, 1]


def test_spc_without_breaking_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        search_path_count(2, np.array([0, 1]), np.array([1, 0]))


def test_huge_path_counts_do_not_overflow() -> None:
    # 1100 diamonds in a chain: 2**1100 source-sink paths, beyond float64 range.
    layers = 1100
    tail, head = [], []
    for i in range(layers):
        a, b, c, d = 3 * i, 3 * i + 1, 3 * i + 2, 3 * i + 3
        tail += [a, a, b, c]
        head += [b, c, d, d]
    n = 3 * layers + 1
    exact = search_path_count(n, np.array(tail), np.array(head), exact=True)
    logs = search_path_count(n, np.array(tail), np.array(head), exact=False)
    assert exact.n_minus[n - 1] == 2**layers
    assert np.allclose(exact.log_spc, logs.log_spc, rtol=1e-9)
    assert np.isfinite(logs.log_spc).all()


def test_log_mode_agrees_with_exact_on_random_dag() -> None:
    rng = np.random.default_rng(7)
    n = 300
    tail = rng.integers(0, n - 1, 2000)
    head = tail + 1 + (rng.integers(0, n, 2000) % (n - 1 - tail))
    keep = dedupe_edges(tail, head)
    exact = search_path_count(n, tail[keep], head[keep], exact=True)
    logs = search_path_count(n, tail[keep], head[keep], exact=False)
    assert np.allclose(exact.log_spc, logs.log_spc, rtol=1e-10, atol=1e-9)
