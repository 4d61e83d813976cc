"""`patentnav status`: rows per table, and per file what became of its records.

On a terminal narrower than WIDE_COLUMNS the files are printed one record per block (name, then its counts as
one sentence, then any reason), since a ten-column table wraps every cell into fragments at 80 columns. File
names and reasons come from input files: they are printed as plain text, never as rich markup.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

WIDE_COLUMNS = 140


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
        console = stdout_console()
        narrow = console.width < WIDE_COLUMNS
        if narrow:
            console = Console(soft_wrap=False)
        console.print(Text(f"Warehouse {settings.warehouse}", style="italic"), overflow="fold")
        table = Table()
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name, count in summary["tables"].items():
            table.add_row(name, f"{count:,}")
        console.print(table)
        if narrow:
            print_file_blocks(console, summary["file_columns"], summary["files"])
            return
        files = Table(title="Files (framed = loaded + merged + rejected; repaired records are loaded)")
        for column in summary["file_columns"]:
            files.add_column(column, justify="left" if column in {"file", "format", "status", "reason"} else "right")
        for row in summary["files"]:
            files.add_row(*["" if v is None else str(v) for v in row])
        console.print(files)


def print_file_blocks(console: Console, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """One block per file: `name`, `format · status`, `framed N = loaded N + merged N + rejected N; …`, reason."""
    console.print(Text("Files (framed = loaded + merged + rejected; repaired records are loaded)", style="italic"))
    for row in rows:
        record = dict(zip(columns, ["" if v is None else str(v) for v in row], strict=True))
        console.print(Text(""))
        console.print(Text(record.get("file", ""), style="bold"), overflow="fold")
        console.print(Text(f"  {record.get('format', '')} · {record.get('status', '')}"))
        counts = (f"  framed {record.get('framed') or '?'} = loaded {record.get('loaded') or '?'} + merged "
                  f"{record.get('merged') or '?'} + rejected {record.get('rejected') or '?'}; repaired "
                  f"{record.get('repaired') or '?'}, quarantined {record.get('quarantined') or '?'}")
        console.print(Text(counts), overflow="fold")
        if record.get("reason"):
            console.print(Text(f"  reason: {record['reason']}"), overflow="fold")
