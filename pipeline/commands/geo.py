"""`patentnav locate`: 片区 attribution of any id,address list, so the rules can be checked on any data. Optional
columns postcode, filing_date (YYYY-MM-DD or YYYYMMDD), province and county are used as the pipeline uses them."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def locate(
        input_path: Annotated[
            Path, typer.Option("--input", help="CSV with columns id,address[,postcode,filing_date,province,county].")
        ],
        output: Annotated[Path, typer.Option(help="CSV to write.")],
    ) -> None:
        """Attribute addresses: id,zone_code,subarea_code,district_code,confidence,rule and how the district was
        read (district_rule, district_confidence, district_candidates)."""
        from pipeline.enrich.geo import attribute_address, default_gazetteer_path, default_places_paths
        from pipeline.errors import PatentNavError
        from pipeline.safety import spreadsheet_safe_text

        if not input_path.exists():
            raise PatentNavError(f"{input_path}: no such file")
        written = 0
        gazetteer, places = default_gazetteer_path(), default_places_paths()  # resolved once, not per address
        with open(input_path, encoding="utf-8-sig", newline="") as source:
            reader = csv.DictReader(source)
            if not reader.fieldnames or not {"id", "address"} <= set(reader.fieldnames):
                raise PatentNavError(f"{input_path}: header must contain id,address (found {reader.fieldnames})")
            output.parent.mkdir(parents=True, exist_ok=True)
            with open(output, "w", encoding="utf-8", newline="") as target:
                writer = csv.writer(target)
                writer.writerow(["id", "zone_code", "subarea_code", "district_code", "confidence", "rule",
                                 "district_rule", "district_confidence", "district_candidates"])
                for row_number, row in enumerate(reader, start=2):
                    if row.get("id") in (None, "") or None in row:
                        raise PatentNavError(f"{input_path} line {row_number}: missing id or extra fields")
                    day = _filing_day(row.get("filing_date"))
                    if row.get("filing_date") and day is None:
                        raise PatentNavError(f"{input_path} line {row_number}: filing_date {row['filing_date']!r} "
                                             "is not YYYY-MM-DD or YYYYMMDD")
                    result = attribute_address(
                        row["address"], gazetteer, places_paths=places, day=day, postcode=row.get("postcode") or None,
                        province=row.get("province") or None, county=row.get("county") or None,
                    )
                    writer.writerow([spreadsheet_safe_text(row["id"]), result.zone_code or "",
                                     result.subarea_code or "", result.district_code or "",
                                     f"{result.confidence:.2f}", result.rule, result.district_rule or "",
                                     f"{result.district_confidence:.2f}", result.district_candidates or ""])
                    written += 1
        typer.echo(f"located {written} addresses into {output}")


def _filing_day(text: str | None) -> dt.date | None:
    digits = re.sub(r"\D", "", text or "")
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
