"""`patentnav locate`: 片区 attribution of any id,address list, so the rules can be checked on any data."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def locate(
        input_path: Annotated[Path, typer.Option("--input", help="CSV with columns id,address.")],
        output: Annotated[Path, typer.Option(help="CSV to write.")],
    ) -> None:
        """Attribute addresses: id,zone_code,subarea_code,district_code,confidence,rule."""
        from pipeline.enrich.geo import attribute_address
        from pipeline.errors import PatentNavError
        from pipeline.safety import spreadsheet_safe_text

        if not input_path.exists():
            raise PatentNavError(f"{input_path}: no such file")
        written = 0
        with open(input_path, encoding="utf-8-sig", newline="") as source:
            reader = csv.DictReader(source)
            if not reader.fieldnames or not {"id", "address"} <= set(reader.fieldnames):
                raise PatentNavError(f"{input_path}: header must contain id,address (found {reader.fieldnames})")
            output.parent.mkdir(parents=True, exist_ok=True)
            with open(output, "w", encoding="utf-8", newline="") as target:
                writer = csv.writer(target)
                writer.writerow(["id", "zone_code", "subarea_code", "district_code", "confidence", "rule"])
                for row_number, row in enumerate(reader, start=2):
                    if row.get("id") in (None, "") or None in row:
                        raise PatentNavError(f"{input_path} line {row_number}: missing id or extra fields")
                    result = attribute_address(row["address"])
                    writer.writerow([spreadsheet_safe_text(row["id"]), result.zone_code or "",
                                     result.subarea_code or "", result.district_code or "",
                                     f"{result.confidence:.2f}", result.rule])
                    written += 1
        typer.echo(f"located {written} addresses into {output}")
