"""CNIPA bulk bibliographic XML (CN-BIBS-ABSS, CN-TXTS), both generations, one patent per document.

- new format: root `business:PatentDocumentAndRelated` (namespaces base/business of www.sipo.gov.cn, xsd V2.x);
- old format: root `cn-patent-document` (ZC 0012.2-2006, ST.36 with cn-* renames), no namespace.

An input unit is a single XML file, a .zip of XML documents, or a folder tree of them (see discover_units in
pipeline/sources/__init__.py): one unit, read one document at a time. Each document is framed by its file or zip
member (and, inside one, by `<?xml` declarations) before it is parsed, so framed = loaded + merged + rejected; a
broken document is quarantined with its member name and the parser's one-line message, and the others load.

Parsing uses the hardened parser (xml_safety: no DTD loading, no entity expansion, no network). The DOCTYPE of
real files names an entity file that is not shipped (`ipphdb-entities.dtd`); it is never opened. HTML/ISO named
entities in text (`&alpha;`, `&Gamma;`, `&CenterDot;`) are turned into their characters before parsing; an
unknown name stays readable as `&name;` text. Nothing declared in a document's own DTD subset is expanded.

Real-file quirks handled: a party or number written twice (`dataFormat="standard"` and `"original"`) is one row
(names and numbers prefer standard; an address is taken from whichever copy has one); a missing address part
is the string `0` (read as NULL); foreign applicants carry only a country and text; later applicants may have no
address; `base:Text` starts with the postcode (split off into postcode); a UTF-8 BOM.
Parties: applicants (`applicant`), inventors (`inventor`, and applicants of appType applicant-inventor when no
inventor is listed), the patentee of a grant (`AssigneeDetails`, old `assignees`) as `assignee`.
Address parts: Province -> state, City -> city, County -> county, PostCode -> postcode, WIPOST3Code -> country.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from html.entities import html5
from pathlib import Path
from typing import Any

from lxml import etree

from pipeline.sources.base import IngestUnit, RecordSink, excerpt
from pipeline.sources.cnipa import new_format, old_format
from pipeline.sources.cnipa.common import application_number, split_postcode
from pipeline.sources.safe_zip import MAX_BYTES, MAX_RATIO, check_archive, is_zip
from pipeline.sources.xml_safety import parse_document

__all__ = ["ADAPTER", "application_number", "document_to_record", "is_cnipa_xml_file", "split_postcode"]

ROOT_MARKERS = (b"PatentDocumentAndRelated", b"<cn-patent-document")
BOM = b"\xef\xbb\xbf"
XML_SUFFIX = ".xml"
MAX_DOCUMENT_BYTES = 256 * 1024**2  # a CN-TXTS full text with MathML is a few MB; bigger is not one patent

_DECLARATION = re.compile(rb"(?m)^[ \t\r]*(?:\xef\xbb\xbf)?<\?xml\s")
_ROOT_END = re.compile(rb"</(?:business:PatentDocumentAndRelated|cn-patent-document)\s*>")
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = {b"lt", b"gt", b"amp", b"quot", b"apos"}


# --- framing ------------------------------------------------------------------------------------------


def has_cnipa_root(head: bytes) -> bool:
    return any(marker in head for marker in ROOT_MARKERS)


def is_cnipa_xml_file(path: Path) -> bool:
    """A file whose first bytes hold a CNIPA document root (used by discover_units and sniff)."""
    if path.suffix.lower() != XML_SUFFIX:
        return False
    try:
        with open(path, "rb") as handle:
            return has_cnipa_root(handle.read(4096))
    except OSError:
        return False


def split_documents(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(first line, bytes) of each document in a file or member. A document starts at an `<?xml` declaration and
    ends at its root's end tag: bytes after that end tag start a chunk of their own, so a document whose
    declaration was damaged is framed (and set aside) apart from the one before. A file without any declaration
    is one document."""
    data = data.removeprefix(BOM)
    cuts = {m.start() for m in _DECLARATION.finditer(data)} | {m.end() for m in _ROOT_END.finditer(data)}
    cuts = {0, *(c for c in cuts if c < len(data))}
    ordered = sorted(cuts)
    for index, start in enumerate(ordered):
        end = ordered[index + 1] if index + 1 < len(ordered) else len(data)
        chunk = data[start:end]
        if chunk.strip():
            yield data.count(b"\n", 0, start + len(chunk) - len(chunk.lstrip())) + 1, chunk


def resolve_named_entities(data: bytes) -> bytes:
    """`&alpha;` -> `&#945;` for HTML5/ISO entity names; unknown names become readable text (`&amp;name;`).
    Applied before parsing, so a document reads alike with or without its (unshipped) entity DTD."""

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        chars = html5.get(name.decode("ascii") + ";")
        if chars:
            return "".join(f"&#{ord(c)};" for c in chars).encode("ascii")
        return b"&amp;" + name + b";"

    return _ENTITY.sub(replace, data) if b"&" in data else data


def document_to_record(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(patent, parties, classifications) of one CNIPA document; XMLSyntaxError / ValueError when unusable."""
    root = parse_document(resolve_named_entities(data.removeprefix(BOM)))
    if root.tag == new_format.ROOT:
        return new_format.record(root)
    if root.tag == old_format.ROOT:
        return old_format.record(root)
    raise ValueError(f"not a CNIPA patent document: <{etree.QName(root).localname}>")


# --- the adapter ------------------------------------------------------------------------------------------


def _zip_xml_members(path: Path) -> list[zipfile.ZipInfo]:
    return [info for info in check_archive(path) if info.filename.lower().endswith(XML_SUFFIX)]


def _zip_is_cnipa(path: Path) -> bool:
    try:
        members = _zip_xml_members(path)
        if not members:
            return False
        with zipfile.ZipFile(path) as archive:
            for info in members[:5]:
                with archive.open(info) as handle:
                    if has_cnipa_root(handle.read(4096)):
                        return True
    except Exception:  # a damaged archive (zlib, CRC, headers) is simply not ours to claim
        return False
    return False


class CnipaXmlAdapter:
    format = "cnipa_xml"
    source = "cnipa_xml"

    def sniff(self, unit: IngestUnit) -> bool:
        if len(unit.members) > 1 or unit.path.is_dir():
            return all(is_cnipa_xml_file(m) for m in unit.members)
        path = unit.members[0]
        if is_zip(path):
            return _zip_is_cnipa(path)
        head = unit.head(4096)
        return b"<" in head and has_cnipa_root(head)

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        sink.source = self.source
        path = unit.members[0]
        if len(unit.members) == 1 and not unit.path.is_dir() and is_zip(path):
            self._read_zip(path, sink)
            return
        base = unit.path if unit.path.is_dir() else None
        for member in unit.members:
            name = member.relative_to(base).as_posix() if base else None
            try:
                data = member.read_bytes()
            except OSError as exc:
                sink.framed += 1
                sink.records_read += 1
                sink.quarantine(name or "doc 1", f"unreadable file: {exc}")
                continue
            self._read_documents(data, name, sink)

    def _read_zip(self, path: Path, sink: RecordSink) -> None:
        members = _zip_xml_members(path)
        with zipfile.ZipFile(path) as archive:
            for info in members:
                try:
                    if info.file_size > MAX_DOCUMENT_BYTES or (
                        info.file_size > (1 << 20) and info.file_size / max(info.compress_size, 1) > MAX_RATIO
                    ):
                        raise ValueError(f"declared size {info.file_size} bytes is beyond a patent document")
                    with archive.open(info) as handle:
                        data = handle.read(min(info.file_size, MAX_BYTES) + 1)
                    if len(data) > info.file_size:
                        raise ValueError("expands beyond its declared size")
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
                    sink.framed += 1
                    sink.records_read += 1
                    sink.quarantine(f"member {info.filename}", f"unreadable zip member: {_one_line(exc)}")
                    continue
                self._read_documents(data, f"member {info.filename}", sink)

    @staticmethod
    def _read_documents(data: bytes, member: str | None, sink: RecordSink) -> None:
        chunks = list(split_documents(data))
        if not chunks:
            sink.framed += 1
            sink.records_read += 1
            sink.quarantine(member or "doc 1", "empty document")
            return
        for number, (line, chunk) in enumerate(chunks, start=1):
            sink.framed += 1
            if member is None:
                locator = f"doc {number} (line {line})"
            else:
                locator = member if len(chunks) == 1 else f"{member} doc {number} (line {line})"
            try:
                patent, parties, classes = document_to_record(chunk)
            except etree.XMLSyntaxError as exc:
                sink.records_read += 1
                sink.quarantine(locator, f"malformed XML: {_one_line(exc)}", excerpt(chunk.decode("utf-8", "replace")))
                continue
            except ValueError as exc:
                sink.records_read += 1
                sink.quarantine(locator, _one_line(exc), excerpt(chunk.decode("utf-8", "replace")))
                continue
            sink.add_document(locator, patent, parties, classes, (), raw=chunk[:2000].decode("utf-8", "replace"))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


ADAPTER = CnipaXmlAdapter()
