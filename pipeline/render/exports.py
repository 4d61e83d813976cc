"""Per-page exports: the page's tables as one Excel workbook and one CSV per table.

Text cells follow pipeline.safety's spreadsheet rule, and strings are never written as formulas or URLs.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.render.headers import export_header
from pipeline.safety import safe_file_name, spreadsheet_safe


def _sheet_name(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "_", text)[:28] or "sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:25]}_{n}"
    used.add(name.lower())
    return name


def write_excel(path: Path, tables: dict[str, pl.DataFrame]) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    try:
        used: set[str] = set()
        for title, frame in tables.items():
            sheet = workbook.add_worksheet(_sheet_name(title, used))
            for col, name in enumerate(frame.columns):
                sheet.write_string(0, col, str(spreadsheet_safe(export_header(name))))
            for row_index, row in enumerate(frame.iter_rows(), start=1):
                for col, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        sheet.write_boolean(row_index, col, value)
                    elif isinstance(value, int | float):
                        sheet.write_number(row_index, col, value)
                    else:
                        sheet.write_string(row_index, col, str(spreadsheet_safe(str(value))))
    finally:
        workbook.close()


def write_csv(path: Path, frame: pl.DataFrame) -> None:
    # utf-8-sig so Excel opens Chinese text correctly on double-click.
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_safe(export_header(c)) for c in frame.columns])
        for row in frame.iter_rows():
            writer.writerow(["" if v is None else spreadsheet_safe(v if isinstance(v, int | float) else str(v))
                             for v in row])


def write_page_exports(site_dir: Path, page_slug: str, tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """Write exports/<page>.xlsx and exports/<page>/<table>.csv; return relative links for the page."""
    tables = {name: frame for name, frame in tables.items() if frame is not None and frame.height}
    if not tables:
        return {"xlsx": None, "csv": []}
    slug = safe_file_name(page_slug, "page")
    export_dir = site_dir / "exports"
    (export_dir / slug).mkdir(parents=True, exist_ok=True)
    write_excel(export_dir / f"{slug}.xlsx", tables)
    links = []
    for name, frame in tables.items():
        file_name = safe_file_name(name, "table") + ".csv"
        write_csv(export_dir / slug / file_name, frame)
        links.append({"name": name, "href": f"exports/{slug}/{file_name}"})
    return {"xlsx": f"exports/{slug}.xlsx", "csv": links}
