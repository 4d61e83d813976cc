"""The block screen of line framing clears plain lines without check_row; it must frame exactly as checking
every line does, whatever the damage and wherever the block boundaries fall."""

from __future__ import annotations

import random

import pytest

from pipeline.sources import framing

HEADER = ["patent_id", "title", "date"]
DEFECTS = [
    b"", b"   ", b"1\t\"quoted \"\"title\"\"\"\t2020", b"1\tunclosed \"quote\t2020", b"1\ttwo\tmany\t2020",
    b"1\tmissing", b"1\tNUL\x00\t2020", b"1\tstray\rCR\t2020", b"1\tbad \xff utf8\t2020",
    b"1\t\xe4\xb8\xad\xe6\x96\x87\t2020",
    b"1\t\"tab\tinside\"\t2020",
]


# rows that are well-formed but still need the parser's copy rewritten (a quote inside an unquoted field)
ONLY_QUOTED = [b"1\tunclosed \"quote\t2020", b"1\t\"quoted \"\"title\"\"\"\t2020"]


def lines_of(seed: int) -> bytes:
    rng = random.Random(seed)
    defects = ONLY_QUOTED if seed % 4 == 1 else DEFECTS
    out = [b"\t".join(h.encode() for h in HEADER)]
    for i in range(400):
        out.append(rng.choice(defects) if rng.random() < 0.15 else f"{i}\ttitle {i}\t2020-01-0{i % 9 + 1}".encode())
    ending = b"\r\n" if seed % 5 == 0 else b"\n"
    body = ending.join(out)
    return body + (ending if seed % 3 else b"")


def every_line(path, sep, width, screened):
    return framing._skip_header(framing._physical_lines(path))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_the_screen_frames_exactly_as_checking_every_line(tmp_path, monkeypatch, seed, block):
    source = tmp_path / "g.tsv"
    source.write_bytes(lines_of(seed))
    monkeypatch.setattr(framing, "SCREEN_BLOCK_BYTES", block)
    screened = framing.frame_lines(source, tmp_path / "screened.tsv", HEADER)
    with monkeypatch.context() as patch:
        patch.setattr(framing, "_lines_to_check", every_line)
        checked = framing.frame_lines(source, tmp_path / "checked.tsv", HEADER)

    assert screened.framed == checked.framed > 300
    assert screened.bad == checked.bad
    assert (screened.path == source) == (checked.path == source)
    if checked.path != source:
        assert screened.path.read_bytes() == checked.path.read_bytes()
