"""`patentnav quarantine`: what was set aside while loading, and why; export for follow-up."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> str:
    """Spreadsheet-safe text: a cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def register(app: typer.Typer) -> None:
    @app.command()
    def quarantine(
        file: Annotated[str | None, typer.Option("--file", help="Only records from this file name.")] = None,
        export: Annotated[Path | None, typer.Option(help="Write the records to this CSV.")] = None,
        limit: Annotated[int, typer.Option(help="Rows to show on screen.")] = 50,
    ) -> None:
        """List (and export) quarantined records: file, record locator, reason, action, excerpt."""
        from rich.console import Console
        from rich.table import Table

        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings
        from pipeline.warehouse.connection import open_warehouse

        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        with open_warehouse(settings.warehouse, read_only=True) as con:
            rows = con.execute(
                "select q.file_name, q.record_locator, q.reason, q.action, q.raw_excerpt from core.quarantine q "
                "join core.ingest_file f using (file_id) where f.status = 'loaded' "
                "and ($file is null or q.file_name = $file) order by q.file_name, q.record_locator",
                {"file": file},
            ).fetchall()
        if export:
            export.parent.mkdir(parents=True, exist_ok=True)
            with open(export, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file_name", "record_locator", "reason", "action", "raw_excerpt"])
                writer.writerows([neutralise_cell(v) for v in row] for row in rows)
        table = Table(title=f"Quarantine: {len(rows)} record(s)")
        for column in ("file", "record", "reason", "action"):
            table.add_column(column)
        for row in rows[:limit]:
            table.add_row(*[str(v) for v in row[:4]], end_section=False)
        Console().print(table)
        if export:
            typer.echo(f"exported {len(rows)} row(s) to {export}")
