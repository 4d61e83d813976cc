import zipfile
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.sources import safe_zip


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_extracts_the_single_tsv_member(tmp_path: Path) -> None:
    data = b"patent_id\tpatent_date\n1\t2020-01-01\n"
    archive = make_zip(tmp_path / "g_patent.tsv.zip", {"g_patent.tsv": data})
    out = tmp_path / "out"
    out.mkdir()
    target = safe_zip.extract_member(archive, out)
    assert target == out / "g_patent.tsv"
    assert target.read_bytes() == data


@pytest.mark.parametrize("member", ["../evil.tsv", "/etc/evil.tsv", "a/../../evil.tsv", "..\\evil.tsv"])
def test_refuses_member_names_that_escape(tmp_path: Path, member: str) -> None:
    archive = make_zip(tmp_path / "g_patent.tsv.zip", {member: b"x\n"})
    with pytest.raises(IngestError) as caught:
        safe_zip.extract_member(archive, tmp_path)
    assert "g_patent.tsv.zip" in str(caught.value) and repr(member) in str(caught.value)
    assert not (tmp_path.parent / "evil.tsv").exists()


def test_refuses_a_zip_bomb_by_ratio(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.tsv.zip", {"bomb.tsv": b"0" * (20 * 1024 * 1024)})
    with pytest.raises(IngestError, match=r"bomb\.tsv.*compression ratio .*zip bomb"):
        safe_zip.extract_member(archive, tmp_path)
    assert not (tmp_path / "bomb.tsv").exists()


def test_refuses_a_member_over_the_size_cap(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "big.tsv.zip", {"big.tsv": b"abc\tdef\n" * 1000})
    with pytest.raises(IngestError, match="would expand to 8000 bytes"):
        safe_zip.extract_member(archive, tmp_path, max_bytes=4000)


def test_refuses_an_archive_with_two_data_members(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "two.zip", {"a.tsv": b"x\n", "b.tsv": b"y\n"})
    with pytest.raises(IngestError, match="exactly one"):
        safe_zip.extract_member(archive, tmp_path)
