"""Encoding detection and per-line decoding for Chinese exports (UTF-8, UTF-8-BOM, GBK, GB18030)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources.encoding import decoded_lines, detect_encoding, sniff_file_encoding

TEXT = "公开号,申请人,申请人地址\nCN110802989A,重庆渝芯微电子科技有限公司,401332重庆市沙坪坝区西永大道1号\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        # '𠀀' (U+20000) and '€' need GB18030's four-byte / extended forms; GBK cannot encode the first.
        ((TEXT + "𠀀€\n").encode("gb18030"), "gb18030"),
        (b"CN110802989A,plain ascii\n", "utf-8-sig"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "ascii"],
)
def test_detects_each_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data) == expected


def test_a_sample_cut_inside_a_utf8_character_is_still_utf8() -> None:
    data = TEXT.encode("utf-8")
    cut = data[: data.index("重".encode()) + 1]  # ends one byte into a three-byte character
    assert detect_encoding(cut) == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_every_encoding_round_trips_line_by_line(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(TEXT.encode(encoding))
    codec = sniff_file_encoding(path)
    lines = list(decoded_lines(path, codec))
    assert [text for _, text, _ in lines] == TEXT.splitlines(keepends=True)
    assert not any(damaged for _, _, damaged in lines)


def test_a_few_invalid_bytes_spoil_only_their_line(tmp_path: Path) -> None:
    rows = [f"CN11080298{i}A,重庆渝芯微电子科技有限公司{i}\n" for i in range(8)]
    data = bytearray("公开号,申请人\n".encode("gbk"))
    for number, row in enumerate(rows, start=2):
        encoded = row.encode("gbk")
        if number == 5:
            # 0xFF is never a valid GBK/GB18030 lead byte: a truncated or corrupted record.
            encoded = encoded[:-1] + b"\xff\xff\n"
        data += encoded
    path = tmp_path / "damaged.csv"
    path.write_bytes(bytes(data))
    codec = sniff_file_encoding(path)
    assert codec == "gb18030"
    lines = list(decoded_lines(path, codec))
    assert [n for n, _, damaged in lines if damaged] == [5]
    good = [text for n, text, damaged in lines if not damaged and n > 1]
    assert good == [r for i, r in enumerate(rows) if i != 3]
