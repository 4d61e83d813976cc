"""`patentnav dossier NAME --output FILE.html`: one applicant's dossier (企业分析评议) as an offline HTML file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def dossier(
        name: Annotated[str, typer.Argument(help="Applicant name as shown on the site (or a part of it).")],
        output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("dossier.html"),
    ) -> None:
        """Write an applicant's dossier: portfolio, IPC, core patents, citations, co-applicants, location, peers."""
        from pipeline.errors import PatentNavError
        from pipeline.render.dossier import render_dossier
        from pipeline.settings import load_settings
        from pipeline.warehouse.connection import open_warehouse

        settings = load_settings()
        if not settings.warehouse.exists():
            typer.echo(f"{settings.warehouse}: no warehouse yet; run `patentnav run` first", err=True)
            raise typer.Exit(1)
        try:
            with open_warehouse(settings.warehouse, read_only=True) as con:
                summary = render_dossier(con, settings, name, output)
        except PatentNavError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        typer.echo(json.dumps({**summary, "output": str(output)}, ensure_ascii=False, indent=2))
