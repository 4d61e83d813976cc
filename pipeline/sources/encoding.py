"""Encoding detection for Chinese exports: UTF-8 (with or without BOM), GBK and GB18030.

GB18030 is a superset of GBK, so a GBK file decodes as GB18030; it is tried only after strict UTF-8 fails,
because many GBK byte pairs are also valid in other encodings but UTF-8's structure rarely fits by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SAMPLE_BYTES = 1 << 20


def detect_encoding(head: bytes) -> str:
    """Name of the codec to read the file with: 'utf-8-sig' or 'gb18030'."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        # A sample may end inside a multi-byte character: ignore at most 3 trailing bytes.
        head.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return "utf-8-sig"
    utf8_errors = head.decode("utf-8", errors="replace").count("\ufffd")
    gb_errors = head.decode("gb18030", errors="replace").count("\ufffd")
    return "gb18030" if gb_errors <= utf8_errors else "utf-8-sig"


def sniff_file_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        return detect_encoding(handle.read(SAMPLE_BYTES))


def decoded_lines(path: Path, encoding: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (line number, text, had_invalid_bytes), decoding each line on its own so that a few damaged bytes
    spoil only the record they are in, never the rest of the file."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                yield number, raw.decode(codec), False
            except UnicodeDecodeError:
                yield number, raw.decode(codec, errors="replace"), True
