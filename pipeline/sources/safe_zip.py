"""Opening .zip inputs without trusting them: no path tricks, no zip bombs, bounded memory.

PatentsView distributes its tables as `<table>.tsv.zip`. DuckDB cannot read inside a zip, so a member is
streamed (1 MiB blocks) to a temporary file. Before anything is written the archive is checked:
- a member name that is absolute or climbs out with `..` rejects the whole archive (it was built to attack
  an extractor, so none of it is trusted);
- a member whose declared uncompressed size exceeds `max_bytes`, or whose compression ratio exceeds
  `max_ratio`, is refused; while streaming, bytes beyond the declared size are refused too (headers can lie).
Every refusal is an IngestError naming the archive and the member.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from pipeline.errors import IngestError

MAX_BYTES = 64 * 1024**3  # the largest real PatentsView member (g_us_patent_citation) is ~20 GB
MAX_RATIO = 100.0  # TSV text compresses ~5-15x; bombs compress ~1000x
BLOCK = 1 << 20


def is_zip(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def unsafe_member_reason(name: str) -> str | None:
    """Why a member name must not be extracted, or None if it is a plain relative path."""
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(name).drive or name.startswith(("/", "\\")):
        return "absolute path"
    if ".." in posix.parts:
        return "path climbs out with '..'"
    return None


def check_archive(path: Path, *, max_bytes: int = MAX_BYTES, max_ratio: float = MAX_RATIO) -> list[zipfile.ZipInfo]:
    """Validate every member of the archive; return the file members (directories left out)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise IngestError(path, f"not a readable zip archive: {exc}") from exc
    files = []
    for info in infos:
        reason = unsafe_member_reason(info.filename)
        if reason:
            raise IngestError(path, f"unsafe zip member {info.filename!r}: {reason}; archive refused")
        if info.is_dir():
            continue
        check_member_size(path, info, max_bytes=max_bytes, max_ratio=max_ratio)
        files.append(info)
    return files


def check_member_size(path: Path, info: zipfile.ZipInfo, *, max_bytes: int, max_ratio: float) -> None:
    if info.file_size > max_bytes:
        raise IngestError(
            path, f"zip member {info.filename!r} would expand to {info.file_size} bytes (limit {max_bytes}); refused"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > BLOCK and ratio > max_ratio:
        raise IngestError(
            path,
            f"zip member {info.filename!r} has compression ratio {ratio:.0f}:1 (limit {max_ratio:.0f}:1), "
            "a zip bomb; refused",
        )


def pick_member(path: Path, files: list[zipfile.ZipInfo], suffixes: tuple[str, ...]) -> zipfile.ZipInfo:
    """The one data member of a single-table archive (PatentsView: exactly one .tsv inside)."""
    candidates = [info for info in files if info.filename.lower().endswith(suffixes)]
    if len(candidates) != 1:
        names = ", ".join(info.filename for info in files) or "none"
        raise IngestError(path, f"expected exactly one {'/'.join(suffixes)} member, found: {names}")
    return candidates[0]


def extract_member(
    path: Path,
    dest_dir: Path,
    *,
    suffixes: tuple[str, ...] = (".tsv", ".csv", ".txt"),
    max_bytes: int = MAX_BYTES,
    max_ratio: float = MAX_RATIO,
) -> Path:
    """Stream the archive's single data member to a new file in dest_dir and return its path.

    The file name is our own (archive name minus .zip), never the member name, so nothing in the archive
    decides where bytes land.
    """
    files = check_archive(path, max_bytes=max_bytes, max_ratio=max_ratio)
    info = pick_member(path, files, suffixes)
    target = dest_dir / (path.name[:-4] if path.name.lower().endswith(".zip") else path.name + ".out")
    limit = min(info.file_size, max_bytes)
    written = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(info) as source, open(target, "wb") as sink:
            while block := source.read(BLOCK):
                written += len(block)
                if written > limit:
                    raise IngestError(path, f"zip member {info.filename!r} expands beyond its declared size; refused")
                sink.write(block)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        target.unlink(missing_ok=True)
        raise IngestError(path, f"zip member {info.filename!r} is corrupt: {exc}") from exc
    except IngestError:
        target.unlink(missing_ok=True)
        raise
    return target


def read_member_head(path: Path, size: int = 4096, *, suffixes: tuple[str, ...] = (".tsv", ".csv", ".txt")) -> bytes:
    """First bytes of the single data member, for sniffing; empty if the archive is unusable."""
    try:
        files = check_archive(path)
        info = pick_member(path, files, suffixes)
        with zipfile.ZipFile(path) as archive, archive.open(info) as source:
            return source.read(size)
    except (IngestError, zipfile.BadZipFile, OSError):
        return b""

