"""`patentnav query`: read-only SQL on the warehouse, as a table, CSV or one JSON document."""

from __future__ import annotations

import csv
import json
import sys
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table


def stdout_console() -> Console:
    # Made per call: rich fixes a console's width from COLUMNS when it is created, and a module-level console
    # would keep whatever the first importer's terminal had.
    return Console(soft_wrap=True)


def write_csv(out: TextIO, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    # LF, as the DuckDB CLI writes: the csv module's default CRLF leaves a stray \r in every shell value
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)


def write_json(out: TextIO, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    out.write(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False))
    out.write("\n")


def register(app: typer.Typer) -> None:
    @app.command()
    def query(
        sql: Annotated[str, typer.Argument(help="SQL to run read-only against the warehouse.")],
        fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    ) -> None:
        """Run read-only SQL on the warehouse."""
        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings
        from pipeline.warehouse.connection import open_warehouse

        if fmt not in {"table", "csv", "json"}:
            raise PatentNavError(f"unknown --format {fmt!r}; use table, csv or json")
        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        with open_warehouse(settings.warehouse, read_only=True) as con:
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
        if fmt == "csv":
            write_csv(sys.stdout, columns, rows)
        elif fmt == "json":
            write_json(sys.stdout, columns, rows)
        else:
            table = Table()
            for column in columns:
                table.add_column(column)
            for row in rows:
                table.add_row(*["" if v is None else str(v) for v in row])
            stdout_console().print(table)
