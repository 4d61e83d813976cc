"""Encoding detection for Chinese exports: UTF-8 (with or without BOM), GBK, GB18030 and UTF-16.

GB18030 is a superset of GBK, so a GBK file decodes as GB18030; it is tried only after strict UTF-8 fails,
because many GBK byte pairs are also valid in other encodings but UTF-8's structure rarely fits by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SAMPLE_BYTES = 1 << 20


def detect_encoding(head: bytes) -> str:
    """Name of the codec to read the file with: 'utf-8-sig', 'gb18030' or 'utf-16'."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_bomless_utf16(head):
        return "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
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


def _looks_like_bomless_utf16(head: bytes) -> bool:
    """ASCII header text in UTF-16-LE has a NUL in every odd byte; no UTF-8 or GBK text does."""
    sample = head[:200]
    return len(sample) >= 8 and sample[1::2].count(0) >= len(sample) // 2 * 0.9


def sniff_file_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        return detect_encoding(handle.read(SAMPLE_BYTES))


def decoded_lines(path: Path, encoding: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (line number, text, had_invalid_bytes), decoding each line on its own so that a few damaged bytes
    spoil only the record they are in, never the rest of the file."""
    if encoding.startswith("utf-16"):
        yield from _utf16_lines(path, encoding)
        return
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                yield number, raw.decode(codec), False
            except UnicodeDecodeError:
                yield number, raw.decode(codec, errors="replace"), True


def _utf16_lines(path: Path, encoding: str) -> Iterator[tuple[int, str, bool]]:
    """UTF-16 cannot be cut at newline bytes: decode as a stream; a replaced character marks its line damaged."""
    with open(path, encoding=encoding, errors="replace", newline="\n") as handle:
        for number, text in enumerate(handle, start=1):
            text = text.lstrip("\ufeff") if number == 1 else text
            yield number, text, "\ufffd" in text
