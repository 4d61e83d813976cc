"""Workbook rows written column-wise read back as the cell-by-cell writer wrote them: safe text, numbers,
booleans, ISO dates, an empty cell for an empty value, XML-unsafe characters escaped; the same rows give the
same bytes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import polars as pl

from pipeline.render.exports import write_excel
from pipeline.safety import spreadsheet_safe


def frame() -> pl.DataFrame:
    return pl.DataFrame({
        "patent_id": ["CN1A", "CN2A", "CN3A"],
        "title": ["=HYPERLINK(\"http://x\")", "a <b> & c", None],
        "applicants": ["＋full-width", "-minus", "@at"],
        "application_date": [date(2020, 1, 2), None, date(2021, 3, 4)],
        "loaded_at": [datetime(2020, 1, 2, 3, 4, 5), None, None],
        "confidence": [0.9, None, 0.1 + 0.2],
        "patent_count": [1, 2, None],
        "is_high_value": [True, False, None],
    })


def test_cells_read_back_as_written_one_by_one(tmp_path: Path) -> None:
    rows = frame()
    write_excel(tmp_path / "w.xlsx", {"专利清单 patent_list": rows, "empty": pl.DataFrame({"a": []})}, "2024-05-06")
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    sheet = book.worksheets[0]
    assert sheet.max_row == 4 and sheet.max_column == rows.width
    assert sheet["A1"].comment is not None and sheet["A1"].comment.text == "English: patent_list"
    expected = []
    for row in rows.iter_rows():
        cells = []
        for value in row:
            if value is None or isinstance(value, bool | int | float):
                cells.append(value)
            else:
                cells.append(spreadsheet_safe(str(value)))
        expected.append(cells)
    got = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=2)]
    assert got == expected
    assert book.properties.created == datetime(2024, 5, 6)
    assert book.worksheets[1].max_row == 1


def test_control_characters_are_escaped_and_output_is_deterministic(tmp_path: Path) -> None:
    rows = pl.DataFrame({"title": ["bell\x07ring", "plain"]})
    write_excel(tmp_path / "a.xlsx", {"t": rows}, "2024-01-01")
    write_excel(tmp_path / "b.xlsx", {"t": rows}, "2024-01-01")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    assert sheet["A2"].value == "bell_x0007_ring"  # Excel reads _x0007_ back as the character


def test_white_space_and_positions_survive_across_row_blocks(tmp_path: Path, monkeypatch) -> None:
    """Cells carry no reference, so an empty value must still hold its column; rows keep their numbers from block
    to block; text with outer white space keeps it (xml:space), inner spacing is kept as written."""
    import pipeline.render.workbook_rows as workbook_rows

    monkeypatch.setattr(workbook_rows, "BLOCK_ROWS", 2)
    rows = pl.DataFrame({
        "a": ["  lead", None, "trail ", "in  side", "end\t"],
        "b": [None, 2, None, 4, 5],
        "c": ["x", None, None, "y", None],
    })
    write_excel(tmp_path / "w.xlsx", {"t": rows}, "2024-01-01")
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0]
    got = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=2, max_col=3)]
    assert got == [["  lead", None, "x"], [None, 2, None], ["trail ", None, None], ["in  side", 4, "y"],
                   ["end\t", 5, None]]
    assert sheet.max_row == 6


def reference_csv(path: Path, rows: pl.DataFrame) -> None:
    """The cell-by-cell CSV writer the column-wise one replaced."""
    import csv

    from pipeline.render.headers import export_header

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_safe(export_header(c)) for c in rows.columns])
        for row in rows.iter_rows():
            writer.writerow(["" if v is None else spreadsheet_safe(v if isinstance(v, int | float) else str(v))
                             for v in row])


def test_csv_is_byte_identical_to_the_cell_by_cell_writer(tmp_path: Path) -> None:
    from pipeline.render.exports import write_csv

    rows = frame().with_columns(pl.Series("notes", ['say "hi", twice', "line\nbreak", "cr\rhere"]),
                                pl.Series("score", [1e-05, -2.5, float("nan")]))
    write_csv(tmp_path / "new.csv", rows)
    reference_csv(tmp_path / "old.csv", rows)
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()
    write_csv(tmp_path / "empty.csv", rows.head(0))
    reference_csv(tmp_path / "empty_old.csv", rows.head(0))
    assert (tmp_path / "empty.csv").read_bytes() == (tmp_path / "empty_old.csv").read_bytes()
