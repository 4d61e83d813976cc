"""Source adapters and format detection. Each module exposes ADAPTER (see pipeline.sources.base)."""

from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.sources.base import Adapter, IngestUnit

# Order matters only where two formats could both claim a file: more specific first.
ADAPTER_MODULES = (
    "pipeline.sources.patentsview",
    "pipeline.sources.uspto_xml",
    "pipeline.sources.epo_ops",
    "pipeline.sources.lens",
    "pipeline.sources.cn_export",
)

INGESTIBLE_SUFFIXES = {".xml", ".csv", ".tsv", ".zip", ".xlsx", ".xls", ".txt"}


def adapters() -> list[Adapter]:
    return [importlib.import_module(name).ADAPTER for name in ADAPTER_MODULES]


def detect_adapter(unit: IngestUnit) -> Adapter:
    if unit.members[0].stat().st_size == 0:
        raise IngestError(unit.path, "file is empty")
    for adapter in adapters():
        if adapter.sniff(unit):
            return adapter
    raise IngestError(unit.path, "format not recognised (not USPTO XML, PatentsView, Lens, CN export or EPO OPS)")


def discover_units(paths: list[Path]) -> list[IngestUnit]:
    """Expand files and folders into ingest units; a folder holding g_patent.* is one PatentsView bundle."""
    units: list[IngestUnit] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise IngestError(path, "no such file or folder")
        if path.is_file():
            units.append(IngestUnit(path, (path,)))
            continue
        units.extend(_units_in_folder(path))
    return units


def _units_in_folder(folder: Path) -> list[IngestUnit]:
    units: list[IngestUnit] = []
    members = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    pv_members = tuple(p for p in members if p.name.startswith("g_") and _is_table_file(p))
    if any(p.name.startswith("g_patent.") for p in pv_members):
        units.append(IngestUnit(folder, pv_members))
        members = [p for p in members if p not in pv_members]
    for member in members:
        if member.suffix.lower() in INGESTIBLE_SUFFIXES and not member.name.upper().startswith("README"):
            units.append(IngestUnit(member, (member,)))
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        units.extend(_units_in_folder(sub))
    return units


def _is_table_file(path: Path) -> bool:
    return path.name.endswith((".tsv", ".tsv.zip", ".csv", ".csv.zip"))
