"""A night reads only new or changed inbox files: the content hash is reused while a file keeps its size and
mtime, and never for a file modified within a second of being hashed (it may change again in the same tick)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipeline.sources.base import IngestUnit
from pipeline.warehouse import ingest


def unit_at(path: Path, text: str, mtime_s: float) -> IngestUnit:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime_s, mtime_s))
    return IngestUnit(path, (path,))


def counting_hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = ingest.hash_unit

    def counted(unit: IngestUnit) -> tuple[str, int]:
        calls.append(unit.path.name)
        return real(unit)

    monkeypatch.setattr(ingest, "hash_unit", counted)
    return calls


def test_an_unchanged_file_is_hashed_once(con, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = counting_hashes(monkeypatch)
    unit = unit_at(tmp_path / "week.csv", "a,b\n1,2\n", 1_600_000_000)
    first = ingest.content_hash(con, unit)
    assert first == (hashlib.sha256(b"a,b\n1,2\n").hexdigest(), 8)
    assert ingest.content_hash(con, unit) == first
    assert calls == ["week.csv"]
    assert ingest.sign_inbox(con, tmp_path) == 0


def test_a_changed_file_is_hashed_again(con, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = counting_hashes(monkeypatch)
    path = tmp_path / "week.csv"
    before = ingest.content_hash(con, unit_at(path, "a,b\n1,2\n", 1_600_000_000))
    # same size, new mtime
    after = ingest.content_hash(con, unit_at(path, "a,b\n1,3\n", 1_600_000_100))
    assert before != after and calls == ["week.csv", "week.csv"]


def test_a_file_modified_just_before_hashing_is_not_trusted(con, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = counting_hashes(monkeypatch)
    unit = IngestUnit(tmp_path / "racy.csv", (tmp_path / "racy.csv",))
    unit.path.write_text("a,b\n", encoding="utf-8")  # mtime = now
    ingest.content_hash(con, unit)
    ingest.content_hash(con, unit)
    assert calls == ["racy.csv", "racy.csv"]
    # once it is old enough, sign_inbox records a trusted hash and later reads skip the file
    os.utime(unit.path, (1_600_000_000, 1_600_000_000))
    assert ingest.sign_inbox(con, tmp_path) == 1
    ingest.content_hash(con, unit)
    assert calls == ["racy.csv", "racy.csv", "racy.csv"]


def test_a_read_only_lookup_records_nothing(con, tmp_path) -> None:  # type: ignore[no-untyped-def]
    unit = unit_at(tmp_path / "week.csv", "a,b\n", 1_600_000_000)
    ingest.content_hash(con, unit, record=False)
    assert con.execute("select count(*) from meta.file_signature").fetchall()[0][0] == 0
