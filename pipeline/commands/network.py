"""`patentnav network`: citation metrics, SPC and main paths on any edge list, or everything from the warehouse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer


def read_edge_csv(path: Path) -> dict[str, Any]:
    """citing_id,cited_id[,citing_year,cited_year] with a header row; blank years are unknown."""
    import csv

    import numpy as np

    from pipeline.errors import PatentNavError

    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f.strip() for f in (reader.fieldnames or [])]
        if "citing_id" not in fields or "cited_id" not in fields:
            raise PatentNavError(f"{path}: needs a header with citing_id,cited_id (got {','.join(fields)})")
        rows = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    rows = [r for r in rows if r.get("citing_id") and r.get("cited_id")]
    columns: dict[str, Any] = {
        "citing_id": np.array([r["citing_id"] for r in rows], dtype=object),
        "cited_id": np.array([r["cited_id"] for r in rows], dtype=object),
    }
    for name in ("citing_year", "cited_year"):
        if name in fields:
            try:
                columns[name] = np.array([float(r[name]) if r.get(name) else np.nan for r in rows])
            except ValueError as error:
                raise PatentNavError(f"{path}: {name} must be a year: {error}") from None
    return columns


def analyse_edge_file(citations: Path, output: Path, key_route_k: int = 10) -> dict[str, Any]:
    """Write nodes.csv and edges.csv for an edge list; returns a small summary."""
    import numpy as np

    from pipeline.analyse.citations import analyse_graph, graph_from_frame
    from pipeline.render.network_exports import write_csv

    graph, _ = graph_from_frame(read_edge_csv(citations))
    result = analyse_graph(graph, key_route_k=key_route_k)
    output.mkdir(parents=True, exist_ok=True)
    write_csv(output / "nodes.csv", ["id", "forward_citations", "backward_citations", "pagerank", "community"],
              ([graph.ids[i], int(result.forward[i]), int(result.backward[i]), f"{result.pagerank[i]:.10g}",
                "" if result.community[i] < 0 else int(result.community[i])] for i in range(graph.n)))
    # SPC per citation edge (knowledge flows cited -> citing); edges dropped to break cycles have no SPC.
    dag_index = np.cumsum(result.dag_keep) - 1
    spc = result.spc.spc if result.spc.spc is not None else result.spc.spc_float()
    on_path = set(result.global_path) | set(result.key_route)
    rows = []
    for e in range(len(graph.src)):
        kept = bool(result.dag_keep[e])
        d = int(dag_index[e])
        rows.append([graph.ids[graph.src[e]], graph.ids[graph.dst[e]], spc[d] if kept else "",
                     int(kept and d in on_path)])
    write_csv(output / "edges.csv", ["citing_id", "cited_id", "spc", "on_main_path"], rows)
    return {"nodes": graph.n, "edges": len(graph.src), "cycle_edges_dropped": int((~result.dag_keep).sum()),
            "main_path_edges": len(on_path), "output": str(output)}


def register(app: typer.Typer) -> None:
    @app.command()
    def network(
        citations: Annotated[Path | None, typer.Option(
            "--citations", help="CSV edge list citing_id,cited_id[,citing_year,cited_year]; omit to use the "
                                "warehouse.")] = None,
        output: Annotated[Path | None, typer.Option(
            "--output", help="Directory for nodes.csv/edges.csv (with --citations) or the exports root.")] = None,
        key_route_k: Annotated[int, typer.Option("--key-route-k", help="Top-k SPC edges for the key route.")] = 10,
        wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for another writer.")] = 0.0,
    ) -> None:
        """Citation metrics, PageRank, communities, SPC main paths; exports for Gephi/VOSviewer."""
        from dataclasses import replace

        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings

        if citations is not None:
            if not citations.is_file():
                raise PatentNavError(f"{citations}: no such file")
            summary = analyse_edge_file(citations, output or Path.cwd(), key_route_k)
            typer.echo(json.dumps(summary, indent=2))
            return
        from pipeline.render.network_exports import write_warehouse_exports
        from pipeline.run import run_step
        from pipeline.warehouse.connection import open_warehouse

        settings = load_settings()
        if output is not None:
            settings = replace(settings, output=output.resolve())
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        summary = run_step("networks", settings, force=True, wait_seconds=wait)
        # The exports name applicants as the pages do (mart.applicant, from the indicators step).
        run_step("indicators", settings, wait_seconds=wait)
        with open_warehouse(settings.warehouse, read_only=True) as con:
            summary["exports"] = write_warehouse_exports(con, settings.output / "exports" / "networks")
        typer.echo(json.dumps(summary, indent=2, default=str))
