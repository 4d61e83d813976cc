"""`patentnav report`: render the site from the warehouse as it stands and swap it in atomically."""

from __future__ import annotations

import json
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
    ) -> None:
        """Render the offline bilingual site (专利地图) under $PATENTNAV_OUTPUT/site from the warehouse."""
        from pipeline.errors import PatentNavError
        from pipeline.run import render_and_publish, run_step
        from pipeline.settings import load_settings

        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        if indicators:
            console.print(f"indicators: {run_step('indicators', settings, force=True, wait_seconds=wait)}")
        summary = render_and_publish(settings, force=True, wait_seconds=wait)
        sizes = summary["page_bytes"]
        typer.echo(json.dumps({"pages": summary["pages"], "max_page_bytes": summary["max_page_bytes"],
                               "seconds": summary["seconds"], "site": summary["site"]}, indent=2))
        console.print(f"{len(sizes)} pages, largest {max(sizes.values()):,} bytes. "
                      f"[bold]Open:[/bold] {settings.site_dir / 'index.html'}")
