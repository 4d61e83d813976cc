"""`patentnav quarantine`: what was set aside while loading, and why; export for follow-up in a spreadsheet.

Every value shown comes from the input files (titles, names, raw excerpts), so it is untrusted: on screen it is
printed as plain text (no rich markup interpreted), and in the CSV a cell that a spreadsheet would run as a
formula (leading = + - @, or a tab/CR that some spreadsheets skip before one) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.safety import spreadsheet_safe_text

WIDE_COLUMNS = 120  # narrower terminals get one record per block instead of a table
COLUMNS = ("file_name", "record_locator", "reason", "action", "raw_excerpt")


def quarantined_records(con: Any, file_name: str | None = None) -> list[tuple[Any, ...]]:
    """Quarantine rows of the loaded files (optionally one file), in file order then record order."""
    from pipeline.sql import run_sql

    rows: list[tuple[Any, ...]] = run_sql(con, "meta/quarantine_records", {"file": file_name}).fetchall()
    return rows


def write_export(path: Path, rows: list[tuple[Any, ...]]) -> None:
    """CSV with a BOM (Excel opens it as UTF-8), every cell neutralised."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([spreadsheet_safe_text(v) for v in row] for row in rows)


def register(app: typer.Typer) -> None:
    @app.command()
    def quarantine(
        file: Annotated[str | None, typer.Option("--file", help="Only records from this file name.")] = None,
        export: Annotated[
            Path | None, typer.Option("--export", help="Write every record (with raw excerpt) to this CSV.")
        ] = None,
        limit: Annotated[int, typer.Option(help="Rows to show on screen.")] = 50,
    ) -> None:
        """List (and export) quarantined records: file, record locator, reason, action."""
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings
        from pipeline.warehouse.connection import open_warehouse

        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        with open_warehouse(settings.warehouse, read_only=True) as con:
            rows = quarantined_records(con, file)
        if export:
            write_export(export, rows)
        scope = f" in {file}" if file else ""
        console = Console()
        if console.width < WIDE_COLUMNS:
            console.print(Text(f"Quarantine: {len(rows)} record(s){scope}", style="bold"))
            for row in rows[:limit]:
                name, locator, reason, action = ("" if v is None else str(v) for v in row[:4])
                console.print(Text(""))
                console.print(Text(f"{name} · {locator} · {action}"), overflow="fold")
                console.print(Text(f"  {reason}"), overflow="fold")
        else:
            table = Table(title=f"Quarantine: {len(rows)} record(s){scope}")
            for column in ("file", "record", "reason", "action"):
                table.add_column(column, overflow="fold")
            for row in rows[:limit]:
                table.add_row(*(Text("" if v is None else str(v)) for v in row[:4]))
            console.print(table)
        if len(rows) > limit:
            console.print(Text(f"… {len(rows) - limit} more; use --export FILE.csv for all of them"))
        if export:
            typer.echo(f"exported {len(rows)} row(s) to {export}")
