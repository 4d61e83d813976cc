"""`patentnav` command line: thin wiring over pipeline functions."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.errors import PatentNavError
from pipeline.settings import load_settings

app = typer.Typer(
    help="PatentNav: patent navigation (专利导航) for the China (Chongqing) Pilot Free Trade Zone.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# soft_wrap: an error stays on one line in logs and CI, whatever the terminal width
console = Console(stderr=True, soft_wrap=True)
stdout = Console(soft_wrap=True)

WaitOption = Annotated[float, typer.Option("--wait", help="Seconds to wait for another writer to finish.")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to load.")],
    wait: WaitOption = 0.0,
) -> None:
    """Load patent files (USPTO XML, PatentsView, Lens, CN exports, CNIPA XML, EPO OPS) into the warehouse."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import ingest_paths

    settings = load_settings()
    units = discover_units(list(paths))
    with open_warehouse(settings.warehouse, wait_seconds=wait) as con, _progress() as progress:
        task = progress.add_task("ingest", total=len(units))

        def on_file(result: object) -> None:
            progress.advance(task)

        report = ingest_paths(con, list(paths), on_file=on_file)
        assert_checks_pass(con, prefix="core_")
    for result in report.files:
        if result.status == "failed":
            console.print(f"[red]error[/red] {escape(result.path)}: {escape(str(result.message))}")
        elif result.status == "loaded":
            console.print(
                f"loaded {escape(result.path)}: {result.patents_loaded} patents ({result.format}), "
                f"{result.quarantined} quarantined"
            )
            for line in result.warnings:
                console.print(f"[yellow]warning[/yellow] {escape(line)}")
        else:
            console.print(escape(f"{result.status} {result.path}" + (f": {result.message}" if result.message else "")))
    if report.failed:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


def _register_feature_commands() -> None:
    from pipeline.commands import register_all

    register_all(app)


_register_feature_commands()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except PatentNavError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(1)
    except Exception as exc:
        import duckdb

        if isinstance(exc, duckdb.Error):
            console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            sys.exit(1)
        raise
