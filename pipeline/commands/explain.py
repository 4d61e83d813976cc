"""`patentnav explain FILE`: how a Chinese export's columns map to fields, and which columns were not used."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def explain(
        path: Annotated[Path, typer.Argument(help="A Chinese patent-database export (xlsx/xls/csv/tsv).")],
    ) -> None:
        """Show which column of a Chinese export goes to which field (data/reference/cn_field_aliases.csv)."""
        from pipeline.errors import PatentNavError
        from pipeline.sources.cn.aliases import load_aliases
        from pipeline.sources.cn.tables import tables

        if not path.exists():
            raise PatentNavError(f"{path}: no such file")
        found = tables(path)
        if not found:
            raise PatentNavError(
                f"{path}: no header row with a publication/application number and a title column; "
                "add the vendor's column names to data/reference/cn_field_aliases.csv"
            )
        for table in found:
            vendor = table.mapping.vendor(load_aliases()) or "unknown"
            typer.echo(f"{path.name} · {table.name} · vendor guess {vendor}")
            for column in table.mapping.columns:
                target = column.field or "(not used: kept in patent_detail.extra_json)"
                language = f" [{column.language}]" if column.language else ""
                typer.echo(f"  {column.index + 1:>3}  {column.header}{language}  ->  {target}")
            unused = [c.header for c in table.mapping.unused]
            typer.echo(f"  {len(table.mapping.columns) - len(unused)} columns used, {len(unused)} not used")
