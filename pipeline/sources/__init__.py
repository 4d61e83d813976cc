"""Source adapters and format detection. Each module exposes ADAPTER (see pipeline.sources.base)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.sources.base import Adapter, IngestUnit
from pipeline.sources.cnipa_xml import is_cnipa_xml_file

# Order matters only where two formats could both claim a file: more specific first.
ADAPTER_MODULES = (
    "pipeline.sources.patentsview",
    "pipeline.sources.uspto_xml",
    "pipeline.sources.epo_ops",
    "pipeline.sources.cnipa_xml",
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
    raise IngestError(
        unit.path, "format not recognised (not USPTO XML, PatentsView, Lens, CN export, CNIPA XML or EPO OPS)"
    )


def discover_units(paths: list[Path]) -> list[IngestUnit]:
    """Expand files and folders into ingest units.

    A folder holding g_patent.* is one PatentsView bundle. CNIPA XML (pipeline/sources/cnipa_xml.py) is one
    patent per file: a folder whose ingestible files, at any depth, are all CNIPA XML documents (a weekly
    delivery as unpacked, images beside them) is one unit; elsewhere the CNIPA XML files directly in one folder
    are one unit (that folder). Any other file is its own unit.
    """
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


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


def _ingestible(path: Path) -> bool:
    return path.suffix.lower() in INGESTIBLE_SUFFIXES and not path.name.upper().startswith("README")


def _cnipa_tree(folder: Path) -> tuple[Path, ...] | None:
    """Every ingestible file under folder, when all of them are CNIPA XML documents; else None."""
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(current) / name
            if not _visible(path) or not _ingestible(path):
                continue
            if not is_cnipa_xml_file(path):
                return None
            found.append(path)
    return tuple(found) or None


def _units_in_folder(folder: Path) -> list[IngestUnit]:
    tree = _cnipa_tree(folder)
    if tree:
        return [IngestUnit(folder, tree)]
    units: list[IngestUnit] = []
    members = sorted(p for p in folder.iterdir() if p.is_file() and _visible(p))
    pv_members = tuple(p for p in members if p.name.startswith("g_") and _is_table_file(p))
    if any(p.name.startswith("g_patent.") for p in pv_members):
        units.append(IngestUnit(folder, pv_members))
        members = [p for p in members if p not in pv_members]
    cnipa = tuple(p for p in members if is_cnipa_xml_file(p))
    if cnipa:
        units.append(IngestUnit(folder, cnipa))
        members = [p for p in members if p not in cnipa]
    for member in members:
        if _ingestible(member):
            units.append(IngestUnit(member, (member,)))
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and _visible(p)):
        units.extend(_units_in_folder(sub))
    return units


def _is_table_file(path: Path) -> bool:
    return path.name.endswith((".tsv", ".tsv.zip", ".csv", ".csv.zip"))
