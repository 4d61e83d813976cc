"""`patentnav synth`: write synthetic incoPat-layout CN records (streaming)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def synth(
        output: Annotated[Path, typer.Option(help="CSV to write; its name must contain 'synthetic'.")],
        records: Annotated[int, typer.Option(help="How many records.")] = 3000,
        seed: Annotated[int, typer.Option(help="Random seed: same seed, same bytes.")] = 42,
        number_offset: Annotated[int, typer.Option(help="Continue the number series after an earlier file.")] = 0,
        start_year: Annotated[int, typer.Option(help="First filing year.")] = 2010,
        end_year: Annotated[int, typer.Option(help="Last filing year.")] = 2025,
    ) -> None:
        """Generate SYNTHETIC (合成数据) Chinese patent records: fictional applicants, real FTZ geography."""
        from pipeline.errors import PatentNavError
        from pipeline.synth import write_incopat_csv

        try:
            written = write_incopat_csv(
                output, records, seed, number_offset=number_offset, start_year=start_year, end_year=end_year
            )
        except ValueError as exc:
            raise PatentNavError(str(exc)) from exc
        typer.echo(f"wrote {written:,} synthetic records to {output}")
