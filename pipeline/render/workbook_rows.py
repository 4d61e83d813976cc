"""Workbook rows written column-wise: the cell XML of a sheet's data rows built by polars, not cell by cell.

A page's 专利清单 sheet holds up to 500,000 rows; xlsxwriter writes ~8,000 cells a second through Python, so a
1M-patent site spent most of its render in workbooks. xlsxwriter still writes the workbook's structure (sheets
with their Chinese names, the header row, the English note on A1, styles, properties); `fill_rows` then puts the
data rows into each sheet's XML, built per column by polars expressions and streamed in blocks into the zip.

The cells are what `write_excel` wrote one by one: text as inline strings made safe by pipeline.safety's rule
(a leading apostrophe before a formula sign), numbers as numbers, booleans as booleans, dates as ISO text, empty
values as empty cells. Rows are numbered; cells are positional (no A1 reference), which halves the XML deflate
compresses. Characters XML 1.0 cannot hold are written as Excel's _xHHHH_ escapes.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from pipeline.safety import FORMULA_PREFIXES, spreadsheet_safe

BLOCK_ROWS = 50_000
COMPRESS_LEVEL = 1  # deflate level of the rewritten workbook: 4x faster than 6 on row XML, files ~1.4x larger
_FORMULA = "^[" + "".join(re.escape(p) for p in FORMULA_PREFIXES) + "]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_CLASS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"
_SHEET_DATA = re.compile(rb"<sheetData/>|</sheetData>")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_PLAIN = '<c t="inlineStr"><is><t>'
_PRESERVED = '<c t="inlineStr"><is><t xml:space="preserve">'


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _escape_control(text: str) -> str:
    return _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def _text(expr: pl.Expr) -> pl.Expr:
    """Safe, XML-escaped cell text (control characters were escaped by escape_controls)."""
    safe = pl.when(expr.str.contains(_FORMULA)).then(pl.lit("'") + expr).otherwise(expr)
    return safe.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True) \
        .str.replace_all(">", "&gt;", literal=True)


def escape_controls(frame: pl.DataFrame) -> pl.DataFrame:
    """Text columns holding characters XML cannot carry get them as _xHHHH_ (only those columns, in Python)."""
    for name, dtype in frame.schema.items():
        if dtype == pl.String and frame[name].str.contains(_CONTROL_CLASS).any():
            frame = frame.with_columns(pl.col(name).map_elements(_escape_control, return_dtype=pl.String))
    return frame


def _cell(frame: pl.DataFrame, name: str) -> pl.Expr:
    """The XML of one column's cells, an empty <c/> where the value is null. Cells carry no reference: each one
    is the next column of its row (ECMA-376 §18.3.1.4 makes `r` optional), and the references were most of
    the bytes deflate had to encode (132 MB of workbooks at 1M patents with them, 58 MB without)."""
    dtype = frame.schema[name]
    column = pl.col(name)
    if dtype == pl.Boolean:
        flag = pl.when(column).then(pl.lit("1")).when(column.not_()).then(pl.lit("0"))
        xml = pl.lit('<c t="b"><v>') + flag + pl.lit("</v></c>")
    elif dtype.is_integer():
        xml = pl.lit("<c><v>") + column.cast(pl.String) + pl.lit("</v></c>")
    elif dtype.is_float():
        finite = pl.when(column.is_finite()).then(column.cast(pl.String))  # shortest round-trip text
        xml = pl.lit("<c><v>") + finite + pl.lit("</v></c>")
    else:
        if dtype == pl.String:
            text = column
        elif dtype == pl.Date:
            text = column.cast(pl.String)
        else:  # datetimes, decimals, lists …: their Python text, as the cell-by-cell writer wrote them
            text = column.map_elements(lambda value: str(spreadsheet_safe(str(value))), return_dtype=pl.String,
                                       skip_nulls=True)
        # xml:space="preserve" only where a reader would otherwise trim: leading or trailing white space
        opening = pl.when(text.str.contains(r"^\s|\s$")).then(pl.lit(_PRESERVED)).otherwise(pl.lit(_PLAIN))
        xml = opening + _text(text) + pl.lit("</t></is></c>")
    return xml.fill_null(pl.lit("<c/>"))


def csv_text_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column as the text the csv module writes for its values: safe text, True/False, repr of floats,
    ISO dates; nulls stay null (written empty)."""
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.String:
            text = pl.when(column.str.contains(_FORMULA)).then(pl.lit("'") + column).otherwise(column)
        elif dtype == pl.Boolean:
            text = pl.when(column).then(pl.lit("True")).when(column.not_()).then(pl.lit("False"))
        elif dtype.is_integer() or dtype == pl.Date:
            text = column.cast(pl.String)
        else:  # floats (repr), datetimes, decimals, lists …: their Python text
            convert = repr if dtype.is_float() else (lambda value: str(spreadsheet_safe(str(value))))
            text = column.map_elements(convert, return_dtype=pl.String, skip_nulls=True)
        columns.append(text.alias(name))
    return frame.select(columns)


def row_blocks(frame: pl.DataFrame, first_row: int = 2) -> Iterator[bytes]:
    """The sheet's data rows as XML, BLOCK_ROWS rows at a time (row numbers from first_row)."""
    frame = escape_controls(frame)
    for offset in range(0, frame.height, BLOCK_ROWS):
        block = frame.slice(offset, BLOCK_ROWS)
        row = (pl.int_range(0, pl.len(), dtype=pl.Int64) + (first_row + offset)).cast(pl.String)
        cells = [_cell(block, name) for name in block.columns]
        xml = block.select((pl.lit('<row r="') + row + pl.lit('">') + pl.concat_str(cells) + pl.lit("</row>"))
                           .alias("xml"))
        # polars writes the rows' UTF-8 straight into the buffer (no joined Python string to encode)
        buffer = io.BytesIO()
        xml.write_csv(buffer, include_header=False, quote_style="never", line_terminator="")
        yield buffer.getvalue()


def fill_rows(path: Path, frames: list[pl.DataFrame]) -> None:
    """Put each frame's rows into sheet N+1 of the workbook xlsxwriter wrote at path (headers in row 1)."""
    staged = path.with_name(path.name + ".rows")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED,
                                                                      compresslevel=COMPRESS_LEVEL) as target:
        for info in source.infolist():
            data = source.read(info)
            sheet = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            frame = frames[int(sheet.group(1)) - 1] if sheet and int(sheet.group(1)) <= len(frames) else None
            if frame is None or not frame.height or not frame.width:
                target.writestr(info, data)
                continue
            end = column_letter(frame.width - 1)
            data = _DIMENSION.sub(f'<dimension ref="A1:{end}{frame.height + 1}"/>'.encode(), data, count=1)
            marker = _SHEET_DATA.search(data)
            assert marker is not None, f"{info.filename}: no sheetData"
            opening = b"<sheetData>" if marker.group(0) == b"<sheetData/>" else b""
            with target.open(info, "w") as out:
                out.write(data[:marker.start()] + opening)
                for block in row_blocks(frame):
                    out.write(block)
                out.write(b"</sheetData>" + data[marker.end():])
    shutil.move(staged, path)
