"""Positions for the small networks drawn on pages (core patents, collaboration)."""

from __future__ import annotations

import polars as pl


def spring_positions(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    layout = nx.spring_layout(graph, seed=7)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def edge_frame(edges: list[tuple[str, str]], pos: dict[str, tuple[float, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"x": pos[a][0], "y": pos[a][1], "x2": pos[b][0], "y2": pos[b][1]} for a, b in edges if a in pos and b in pos],
        schema={"x": pl.Float64, "y": pl.Float64, "x2": pl.Float64, "y2": pl.Float64})
