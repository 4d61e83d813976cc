"""Tolerant record framing for CSV/TSV exports: records are cut from lines before any field is parsed, so an
unclosed quote, a stray delimiter, an embedded NUL or a damaged byte costs only the record it is in.

A record is one line, or several when a quoted field holds line breaks (incoPat link cells do). A quote left open
would swallow the rest of the file in a plain CSV reader; here, while a record is open, a line that is a complete
record of the header's width on its own starts a new record and the open one is set aside as damaged.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

MAX_RECORD_LINES = 10_000


@dataclass
class Framed:
    first_line: int
    last_line: int
    text: str
    damaged_lines: list[int] = field(default_factory=list)
    problem: str | None = None  # framing defect (unclosed quote); bytes are reported through damaged_lines


def parse_fields(text: str, delimiter: str) -> list[str]:
    return next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter), [])


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0


def sniff_delimiter(header_line: str) -> str:
    return "\t" if header_line.count("\t") > header_line.count(",") else ","


class RecordFramer:
    """Frames (line number, text, had_bad_bytes) lines into records. `width` (the header's field count) is set
    by the caller once the header is known; before that, a record ends only when its quotes balance."""

    def __init__(self, delimiter: str = ",") -> None:
        self.delimiter = delimiter
        self.width: int | None = None

    def _complete_alone(self, text: str) -> bool:
        if self.width is None or not _balanced(text) or ('"' not in text and self.delimiter not in text):
            return False
        try:
            values = parse_fields(text, self.delimiter)
        except csv.Error:
            return False
        return len(trim_trailing_empty(values, self.width)) == self.width

    def frame(self, lines: Iterable[tuple[int, str, bool]]) -> Iterator[Framed]:
        pending: Framed | None = None
        for number, text, damaged in lines:
            if pending is not None:
                if self._complete_alone(text) or pending.last_line - pending.first_line >= MAX_RECORD_LINES:
                    pending.problem = f"unclosed quote from line {pending.first_line}"
                    yield pending
                    pending = None
                else:
                    pending.text += text
                    pending.last_line = number
                    if damaged:
                        pending.damaged_lines.append(number)
                    if _balanced(pending.text):
                        yield pending
                        pending = None
                    continue
            record = Framed(number, number, text, [number] if damaged else [])
            if _balanced(text):
                yield record
            else:
                pending = record
        if pending is not None:
            pending.problem = f"unclosed quote from line {pending.first_line} to the end of the file"
            yield pending


def trim_trailing_empty(values: list[str], width: int) -> list[str]:
    """Patentics ends every row with a delimiter: empty cells past the header's width are not data."""
    if len(values) > width and not any(v.strip() for v in values[width:]):
        return values[:width]
    return values
