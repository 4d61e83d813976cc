"""Tolerant record framing for delimited exports: where each record starts and ends, found without the field parser.

Why: a CSV parser that meets a quote that never closes reads on to the next quote in the file, so the valid
records in between vanish without an error (DuckDB's read_csv with rejects, the csv module alike). Framing
first gives a count of the records a file holds that does not depend on that parser, and confines any damage
to the record it is in:

- line-oriented tables (PatentsView g_*.tsv): one record per physical line. A line that is not a well-formed
  row (quotes, field count, NUL, invalid UTF-8, a stray carriage return) is set aside by its line number; when
  any line needed that, the parser reads a cleaned copy where it is blank (blank lines are skipped, and line
  numbers stay those of the original file).
- RFC 4180 CSV whose fields may span lines (Lens): a record ends at a line end where its quotes balance; a
  record whose quote never closes ends before the next line that starts a record, so it cannot swallow it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QUOTE = '"'
# Lines are screened a block at a time; only the lines the screen cannot clear go through check_row.
SCREEN_BLOCK_BYTES = 8 << 20
_SUSPECT_BYTES = (ord(QUOTE), ord("\r"), 0)


@dataclass(frozen=True)
class BadLine:
    line_no: int
    reason: str
    raw: str


@dataclass
class LineFraming:
    """The outcome of framing one table: which file the parser should read, and what was set aside."""

    path: Path
    framed: int = 0
    bad: list[BadLine] = field(default_factory=list)


def check_row(content: bytes, sep: str, width: int) -> tuple[str | None, str | None]:
    """(text the parser reads, None) for a well-formed row, (None, reason) for a damaged one.

    The text is the row rewritten with minimal RFC 4180 quoting when it holds quotes, so that any reader that
    follows the RFC splits it exactly as the csv module did here."""
    if b"\x00" in content:
        return None, "NUL BYTE: a NUL byte inside the row"
    if b"\r" in content:
        return None, "STRAY NEWLINE: a carriage return inside the row"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"INVALID ENCODING: invalid UTF-8 at byte {exc.start}"
    if QUOTE not in text:
        return _width_check(text, text.count(sep) + 1, width)
    try:
        fields = next(csv.reader([text], delimiter=sep, quotechar=QUOTE, doublequote=True, strict=True))
    except csv.Error as exc:
        return None, f"UNQUOTED VALUE: a quote that does not close where its field ends ({exc})"
    return _width_check(canonical_row(fields, sep), len(fields), width)


def _width_check(text: str, count: int, width: int) -> tuple[str | None, str | None]:
    # the names DuckDB's reject table gives the same defects, so both kinds of rejected line read alike
    if count < width:
        return None, f"MISSING COLUMNS: {count} fields, header has {width}"
    if count > width:
        return None, f"TOO MANY COLUMNS: {count} fields, header has {width}"
    return text, None


def canonical_row(fields: list[str], sep: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, quotechar=QUOTE, lineterminator="").writerow(fields)
    return buffer.getvalue()


def _physical_lines(path: Path) -> Iterator[tuple[int, bytes, bytes]]:
    """(line number, content, terminator) split on LF only, so a stray CR stays inside its line."""
    with open(path, "rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            content = raw[:-1] if raw.endswith(b"\n") else raw
            if content.endswith(b"\r"):
                content = content[:-1]
            yield line_no, content, raw[len(content):]


def _classified(path: Path, sep: str, width: int) -> Iterator[tuple[int, bytes, bytes, str | None, str | None]]:
    """(line number, content, terminator, parser text, reason) per data line; a blank line has neither."""
    lines = _physical_lines(path)
    next(lines, None)
    for line_no, content, terminator in lines:
        if not content.strip():
            yield line_no, content, terminator, None, None
            continue
        text, reason = check_row(content, sep, width)
        yield line_no, content, terminator, text, reason


def frame_lines(path: Path, target: Path, header: list[str], sep: str = "\t") -> LineFraming:
    """Frame a one-record-per-line table; write the cleaned copy to target only when the original needs it."""
    width = len(header)
    framing = LineFraming(path)
    _, header_content, header_end = next(_physical_lines(path), (1, b"", b""))
    dirty = check_row(header_content.removeprefix(b"\xef\xbb\xbf"), sep, width)[1] is not None
    terminators = {header_end}
    screened = _Screened()
    for line_no, content, terminator in _lines_to_check(path, sep, width, screened):
        terminators.add(terminator)
        if not content.strip():
            continue
        text, reason = check_row(content, sep, width)
        framing.framed += 1
        if reason is not None:
            raw = content[:2000].decode("utf-8", "replace").replace("\x00", "\\0")
            framing.bad.append(BadLine(line_no, reason, raw))
            dirty = True
        elif QUOTE.encode() in content and (text or "").encode("utf-8") != content:
            dirty = True
    framing.framed += screened.clean
    if screened.clean:
        terminators.add(b"\n")
    # DuckDB refuses a whole file whose line ends change from LF to CRLF part-way, so mixed ends are cleaned too
    if dirty or len(terminators - {b""}) > 1:
        _write_clean(path, target, header, sep)
        framing.path = target
    return framing


@dataclass
class _Screened:
    clean: int = 0  # lines the block screen proved well-formed (LF-terminated, no quote/CR/NUL, valid UTF-8,
    # header's field count) without a per-line check
    chunk_lines: int = 0  # lines in the chunk screened last


def _lines_to_check(path: Path, sep: str, width: int, screened: _Screened) -> Iterator[tuple[int, bytes, bytes]]:
    """Data lines that need check_row, as (line number, content, terminator); the rest are only counted.

    Most lines of a bulk table are plain: a vectorised screen of each block (field separators per line, any
    quote, CR or NUL, UTF-8 validity of the whole block) clears them, so Python looks at the few that are not."""
    if width < 2 or len(sep) != 1:
        yield from _skip_header(_physical_lines(path))
        return
    with open(path, "rb") as handle:
        handle.readline()
        line_no, carry = 2, b""
        while block := handle.read(SCREEN_BLOCK_BYTES):
            data = carry + block
            cut = data.rfind(b"\n")
            if cut < 0:
                carry = data
                continue
            chunk, carry = data[: cut + 1], data[cut + 1 :]
            yield from _screen_chunk(chunk, line_no, ord(sep), width, screened)
            line_no += screened.chunk_lines
        if carry:
            content = carry[:-1] if carry.endswith(b"\r") else carry
            yield line_no, content, carry[len(content):]


def _skip_header(lines: Iterator[tuple[int, bytes, bytes]]) -> Iterator[tuple[int, bytes, bytes]]:
    next(lines, None)
    yield from lines


def _screen_chunk(
    chunk: bytes, first_line_no: int, sep: int, width: int, screened: _Screened
) -> Iterator[tuple[int, bytes, bytes]]:
    data = np.frombuffer(chunk, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)
    starts = np.concatenate(([0], ends[:-1] + 1))
    try:
        chunk.decode("utf-8")
        valid = True
    except UnicodeDecodeError:
        valid = False
    if valid:
        # separators per line: how many separator positions fall before each line end
        per_line = np.diff(np.searchsorted(np.flatnonzero(data == sep), ends), prepend=0)
        suspect = (per_line != width - 1) | (ends == starts)
        special_mask = (data == _SUSPECT_BYTES[0]) | (data == _SUSPECT_BYTES[1]) | (data == _SUSPECT_BYTES[2])
        if special_mask.any():
            suspect[np.searchsorted(ends, np.flatnonzero(special_mask))] = True
    else:
        suspect = np.ones(ends.size, dtype=bool)
    screened.chunk_lines = int(ends.size)
    screened.clean += int(ends.size - np.count_nonzero(suspect))
    for index in np.flatnonzero(suspect).tolist():
        start, end = int(starts[index]), int(ends[index])
        content = chunk[start:end]
        terminator = b"\n"
        if content.endswith(b"\r"):
            content, terminator = content[:-1], b"\r\n"
        yield first_line_no + index, content, terminator


def _write_clean(path: Path, target: Path, header: list[str], sep: str) -> None:
    with open(target, "w", encoding="utf-8", newline="") as out:
        out.write(sep.join(header) + "\n")
        for _line_no, _content, _terminator, text, _reason in _classified(path, sep, len(header)):
            out.write((text or "") + "\n")


def frame_csv_records(lines: Iterable[str], starts_record: Callable[[str], bool]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, physical lines) of each record of an RFC 4180 file, the header being the first.

    A quote left open at a line end continues the record onto the next line, unless that line starts a record:
    then the open record ends there (and will not parse), and the next record is framed on its own."""
    chunk: list[str] = []
    first = 0
    is_open = False
    for line_no, line in enumerate(lines, start=1):
        if chunk and is_open and starts_record(line):
            yield first, chunk
            chunk, is_open = [], False
        if not chunk:
            first = line_no
        chunk.append(line)
        if line.count(QUOTE) % 2:
            is_open = not is_open
        if not is_open:
            yield first, chunk
            chunk = []
    if chunk:
        yield first, chunk
