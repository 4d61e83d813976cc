"""Search path count (SPC) and main paths on the knowledge-flow DAG.

Knowledge flows cited -> citing, so an input edge citing->cited becomes u=cited -> v=citing here.
Sources have no incoming edge, sinks no outgoing edge.

    SPC(u->v) = N-(u) * N+(v)
    N-(u): number of source-to-u paths (a source counts itself as 1) = sum of N- over u's predecessors
    N+(v): number of v-to-sink paths (a sink counts itself as 1)    = sum of N+ over v's successors

Both are a topological DP done level by level (Kahn's algorithm, vectorised with numpy over CSR segments).
Exact mode uses numpy object arrays of Python ints (no overflow, for small/medium graphs); log mode keeps
natural logs in float64 and adds with log-sum-exp (no overflow on 1M-node graphs).

Main-path variants (documented, deterministic):
- 'global': Verspagen's forward local search from the source edge with the largest SPC: start at the edge
  (u->v) with u a source and maximal SPC, then repeatedly take the outgoing edge of the current head with the
  largest SPC until a sink. Ties are broken by the smallest edge index (input order after de-duplication).
- 'key_route': the top-k edges by SPC (ties: smallest edge index); each key edge is extended backwards
  (largest-SPC incoming edge until a source) and forwards (largest-SPC outgoing edge until a sink); the result
  is the union of those edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

EXACT_NODE_LIMIT = 200_000  # above this, counts are kept as logs (exact big ints get slow, not wrong)


@dataclass(frozen=True)
class SpcResult:
    """Per knowledge-flow edge (u -> v) arrays aligned with the input edge order."""

    tail: np.ndarray  # u (cited)
    head: np.ndarray  # v (citing)
    log_spc: np.ndarray  # natural log of SPC (always filled)
    spc: np.ndarray | None  # exact Python ints (object array) in exact mode, else None
    n_minus: np.ndarray
    n_plus: np.ndarray

    def spc_float(self) -> np.ndarray:
        """SPC as float64 (inf only if a count truly exceeds ~1e308)."""
        if self.spc is not None:
            return np.array([float(v) if v.bit_length() < 1024 else np.inf for v in self.spc], dtype=np.float64)
        with np.errstate(over="ignore"):
            return np.exp(self.log_spc)


def topological_levels(n: int, tail: np.ndarray, head: np.ndarray) -> list[np.ndarray]:
    """Kahn's algorithm by levels; raises ValueError if the graph has a cycle."""
    import scipy.sparse as sp

    out = sp.csr_matrix((np.ones(len(tail), dtype=np.int8), (tail, head)), shape=(n, n))
    indeg = np.bincount(head, minlength=n).astype(np.int64)
    frontier = np.flatnonzero(indeg == 0)
    levels: list[np.ndarray] = []
    seen = 0
    indptr, indices = out.indptr, out.indices
    while frontier.size:
        levels.append(frontier)
        seen += frontier.size
        starts, ends = indptr[frontier], indptr[frontier + 1]
        lengths = ends - starts
        if lengths.sum() == 0:
            break
        # Gather all successors of the frontier without a Python loop.
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        succ = np.sort(indices[np.arange(lengths.sum()) + offsets])
        # Run lengths of the sorted successors: cost by the frontier's edges only. A bincount over all n nodes
        # per level cost O(n * levels): minutes on a whole-US graph whose longest chain has thousands of levels.
        first = np.flatnonzero(np.concatenate(([True], succ[1:] != succ[:-1])))
        cand = succ[first]
        indeg[cand] -= np.diff(np.append(first, succ.size))
        frontier = cand[indeg[cand] == 0]
    if seen != n:
        raise ValueError("graph has a cycle: break cycles before SPC (see citations.break_cycles)")
    return levels


def _segment_sum(values: np.ndarray, indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray, exact: bool
                 ) -> np.ndarray:
    """Sum (or log-sum-exp) of values over CSR rows' segments; rows must have non-empty segments."""
    starts, ends = indptr[rows], indptr[rows + 1]
    lengths = ends - starts
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    gathered = values[indices[np.arange(lengths.sum()) + offsets]]
    bounds = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    if exact:
        return np.add.reduceat(gathered, bounds)
    peak = np.maximum.reduceat(gathered, bounds)
    return peak + np.log(np.add.reduceat(np.exp(gathered - np.repeat(peak, lengths)), bounds))


def path_counts(n: int, tail: np.ndarray, head: np.ndarray, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """N- and N+ for every node (exact object ints, or natural logs)."""
    import scipy.sparse as sp

    levels = topological_levels(n, tail, head)
    ones = np.ones(len(tail), dtype=np.int8)
    preds = sp.csr_matrix((ones, (head, tail)), shape=(n, n))  # row v lists its predecessors
    succs = sp.csr_matrix((ones, (tail, head)), shape=(n, n))  # row u lists its successors
    base: Any = 1 if exact else 0.0
    dtype: Any = object if exact else np.float64
    n_minus = np.full(n, base, dtype=dtype)
    n_plus = np.full(n, base, dtype=dtype)
    in_deg = np.diff(preds.indptr)
    out_deg = np.diff(succs.indptr)
    for level in levels:  # forward: predecessors are all in earlier levels
        rows = level[in_deg[level] > 0]
        if rows.size:
            n_minus[rows] = _segment_sum(n_minus, preds.indptr, preds.indices, rows, exact)
    for level in reversed(levels):
        rows = level[out_deg[level] > 0]
        if rows.size:
            n_plus[rows] = _segment_sum(n_plus, succs.indptr, succs.indices, rows, exact)
    # A node v is only reachable from levels < its own when v has an in-edge, so ordering by level is enough
    # forwards; backwards a node's successors sit in later levels, hence reversed(levels).
    return n_minus, n_plus


def search_path_count(n: int, tail: np.ndarray, head: np.ndarray, exact: bool | None = None) -> SpcResult:
    """SPC for every edge u->v of a DAG with nodes 0..n-1 (edges must be unique, no self-loops)."""
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    if exact is None:
        exact = n <= EXACT_NODE_LIMIT
    n_minus, n_plus = path_counts(n, tail, head, exact)
    if exact:
        spc = n_minus[tail] * n_plus[head]
        log_spc = np.array([_log_int(v) for v in spc], dtype=np.float64)
        return SpcResult(tail, head, log_spc, spc, n_minus, n_plus)
    log_spc = n_minus[tail] + n_plus[head]
    return SpcResult(tail, head, log_spc, None, n_minus, n_plus)


def _log_int(value: int) -> float:
    """Natural log of a (possibly huge) positive Python int without converting it to float."""
    bits = value.bit_length()
    if bits < 1000:
        return float(np.log(float(value)))
    shift = bits - 60
    return float(np.log(float(value >> shift))) + shift * float(np.log(2.0))


def _ranked(result: SpcResult) -> np.ndarray:
    """Edge indices, larger SPC first, ties by smaller edge index (stable sort); computed once per result."""
    cached = getattr(result, "_order", None)
    if cached is not None:
        return cached
    if result.spc is not None:
        order = np.asarray(sorted(range(len(result.spc)), key=lambda i: (-result.spc[i], i)),  # type: ignore[index]
                           dtype=np.int64)
    else:
        order = np.argsort(-result.log_spc, kind="stable")
    object.__setattr__(result, "_order", order)
    return order


def _best_edges(n: int, result: SpcResult) -> tuple[np.ndarray, np.ndarray]:
    """For every node, its best outgoing and best incoming edge index (-1 when none), in O(edges)."""
    order = _ranked(result)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    sentinel = len(order)
    found = []
    for ends in (result.tail, result.head):
        best_rank = np.full(n, sentinel, dtype=np.int64)
        np.minimum.at(best_rank, ends, rank)
        found.append(np.where(best_rank < sentinel, order[np.minimum(best_rank, sentinel - 1)], -1))
    return found[0], found[1]


def global_main_path(n: int, result: SpcResult) -> list[int]:
    """Edge indices of the forward local main path from the best source edge (see module doc)."""
    if len(result.tail) == 0:
        return []
    in_deg = np.bincount(result.head, minlength=n)
    best_out, _ = _best_edges(n, result)
    for edge in _ranked(result):
        if in_deg[result.tail[edge]] == 0:
            start = int(edge)
            break
    else:  # pragma: no cover - a DAG always has a source edge
        return []
    path = [start]
    node = int(result.head[start])
    while best_out[node] >= 0:
        edge = int(best_out[node])
        path.append(edge)
        node = int(result.head[edge])
    return path


def key_route_main_path(n: int, result: SpcResult, k: int = 10) -> list[int]:
    """Edge indices of the key-route main path: top-k SPC edges extended both ways (see module doc)."""
    if len(result.tail) == 0:
        return []
    best_out, best_in = _best_edges(n, result)
    chosen: set[int] = set()
    for edge in _ranked(result)[:k]:
        chosen.add(int(edge))
        node = int(result.tail[edge])
        while best_in[node] >= 0:  # walk fully: an edge chosen by a forward walk has no backward part yet
            chosen.add(int(best_in[node]))
            node = int(result.tail[best_in[node]])
        node = int(result.head[edge])
        while best_out[node] >= 0:
            chosen.add(int(best_out[node]))
            node = int(result.head[best_out[node]])
    return sorted(chosen)
