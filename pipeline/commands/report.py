"""`patentnav report`: render the site from the warehouse as it stands and swap it in atomically; with --pdf, print
one scope's report (专利导航报告, GB/T 39551-2020 parts) to a PDF instead (pipeline/render/report_pdf.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for another writer to finish.")] = 0.0,
        indicators: Annotated[bool, typer.Option(
            help="Rebuild the indicator and signal marts first (they are otherwise built by `patentnav run`).")
        ] = False,
        pdf: Annotated[bool, typer.Option("--pdf", help="Print one scope's report to a PDF instead of the site.")
                       ] = False,
        scope: Annotated[str, typer.Option(help="With --pdf: a 片区 (CQFTZ-LJ) or 片区-industry (CQFTZ-LJ-ELEC).")
                         ] = "CQFTZ-LJ",
        output: Annotated[Path | None, typer.Option(help="With --pdf: the PDF to write.")] = None,
    ) -> None:
        """Render the offline bilingual site (专利地图) under $PATENTNAV_OUTPUT/site from the warehouse, or with
        --pdf a scope's report as a PDF (cover, contents, numbered sections and figures, provenance)."""
        from pipeline.errors import PatentNavError
        from pipeline.run import render_and_publish, run_step
        from pipeline.settings import load_settings

        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        if pdf:
            from pipeline.render.report_pdf import write_report
            from pipeline.warehouse.connection import open_warehouse

            target = output or Path(f"{scope.lower()}-report.pdf")
            with open_warehouse(settings.warehouse, read_only=True, wait_seconds=wait) as con:
                result = write_report(con, settings, scope, target.resolve())
            typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
            return
        if indicators:
            console.print(f"indicators: {run_step('indicators', settings, force=True, wait_seconds=wait)}")
        summary = render_and_publish(settings, force=True, wait_seconds=wait)
        sizes = summary["page_bytes"]
        typer.echo(json.dumps({"pages": summary["pages"], "max_page_bytes": summary["max_page_bytes"],
                               "seconds": summary["seconds"], "site": summary["site"]}, indent=2))
        console.print(f"{len(sizes)} pages, largest {max(sizes.values()):,} bytes. "
                      f"[bold]Open:[/bold] {settings.site_dir / 'index.html'}")
