"""`patentnav status`: rows per table, and per file what became of its records."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def stdout_console() -> Console:
    # Made per call: rich fixes a console's width from COLUMNS when it is created, and a module-level console
    # would keep whatever the first importer's terminal had.
    return Console(soft_wrap=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def status() -> None:
        """Files loaded (framed / loaded / merged / rejected / repaired records), rows per table."""
        from pipeline.settings import load_settings
        from pipeline.warehouse.status import warehouse_status

        settings = load_settings()
        summary = warehouse_status(settings.warehouse)
        table = Table(title=f"Warehouse {settings.warehouse}")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name, count in summary["tables"].items():
            table.add_row(name, f"{count:,}")
        stdout_console().print(table)
        files = Table(title="Files (framed = loaded + merged + rejected; repaired records are loaded)")
        for column in summary["file_columns"]:
            files.add_column(column, justify="left" if column in {"file", "format", "status", "reason"} else "right")
        for row in summary["files"]:
            files.add_row(*["" if v is None else str(v) for v in row])
        stdout_console().print(files)
