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
from collections.abc import Iterator
from html.entities import html5
from pathlib import Path
from typing import Any

from lxml import etree

from pipeline.errors import IngestError
from pipeline.normalize import clean_text, doc_type_from_kind, normalize_ipc, normalize_publication_number, number_key
from pipeline.normalize import parse_date as _parse_date
from pipeline.sources.base import IngestUnit, RecordSink, excerpt
from pipeline.sources.cn import values
from pipeline.sources.safe_zip import MAX_BYTES, MAX_RATIO, check_archive, is_zip
from pipeline.sources.xml_safety import parse_document

BASE = "http://www.sipo.gov.cn/XMLSchema/base"
BUSINESS = "http://www.sipo.gov.cn/XMLSchema/business"
NS = {"b": BASE, "s": BUSINESS}
NEW_ROOT = f"{{{BUSINESS}}}PatentDocumentAndRelated"
OLD_ROOT = "cn-patent-document"
ROOT_MARKERS = (b"PatentDocumentAndRelated", b"<cn-patent-document")
BOM = b"\xef\xbb\xbf"
XML_SUFFIX = ".xml"
MAX_DOCUMENT_BYTES = 256 * 1024**2  # a CN-TXTS full text with MathML is a few MB; bigger is not one patent

_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_ENTITIES = {b"lt", b"gt", b"amp", b"quot", b"apos"}
_POSTCODE_TEXT = re.compile(r"^\s*(\d{6})(?!\d)\s*(.*)$", re.S)
_APPLICATION = re.compile(r"^(?:CN)?(\d{8}|\d{12})\.?([0-9X])?$")
ADDRESS_COLUMNS = ("country", "state", "city", "county", "postcode", "address_raw")
_PLACEHOLDER = {"", "0", "00", "000000", "00000000", "0000000000"}


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
    """(first line, bytes) of each document in a file or member: documents start at `<?xml` declarations.
    A file without any declaration is one document; bytes before the first declaration are their own chunk."""
    data = data.removeprefix(BOM)
    starts = [m.start() for m in re.finditer(rb"(?m)^[ \t\r]*(?:\xef\xbb\xbf)?<\?xml\s", data)]
    if not starts or (starts[0] != 0 and data[: starts[0]].strip()):
        starts = [0, *starts]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        chunk = data[start:end]
        if chunk.strip():
            yield data.count(b"\n", 0, start) + 1, chunk


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


# --- values -------------------------------------------------------------------------------------------


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    return clean_text(" ".join("".join(node.itertext()).split()))


def _part(node: etree._Element | None) -> str | None:
    """An address part; CNIPA writes a missing part as `0`."""
    text = _text(node)
    return None if text is None or text in _PLACEHOLDER else text


def _date(text: str | None) -> Any:
    return None if not text or text.strip("0") == "" else _parse_date(text)


def application_number(number: str | None) -> str | None:
    """`CN201610058726.X` from `201610058726.X`, `CN201610058726.X` or CNIPA's 15-digit internal form
    `102016000058726` (see values.application_number); a bare 12-digit number gains its check digit."""
    text = values.application_number(number)
    plain = _APPLICATION.match(text) if text else None
    if plain:
        digits, check = plain.groups()
        if len(digits) == 12 and check is None:
            check = values.cn_check_digit(digits)
        return f"CN{digits}" + (f".{check}" if check else "")
    return text


def split_postcode(text: str | None) -> tuple[str | None, str | None]:
    """('518105', '广东省深圳市…') from '518105 广东省深圳市…'; (None, text) when it does not start with one."""
    if not text:
        return None, None
    match = _POSTCODE_TEXT.match(text)
    if match:
        return match.group(1), clean_text(match.group(2))
    return None, text


# --- new format (base:/business:) -----------------------------------------------------------------------


def _prefer_standard(nodes: list[etree._Element]) -> list[etree._Element]:
    """One node per sequence number, the `standard` copy when both are written."""
    return [group[0] for group in _copies(nodes)]


def _copies(nodes: list[etree._Element]) -> list[list[etree._Element]]:
    """Nodes grouped by sequence (document order of first appearance), standard copy first in each group."""
    groups: dict[str, list[etree._Element]] = {}
    for position, node in enumerate(nodes):
        groups.setdefault(node.get("sequence") or f"#{position}", []).append(node)
    return [sorted(group, key=lambda n: n.get("dataFormat") != "standard") for group in groups.values()]


def _new_document_id(parents: list[etree._Element], prefer: str = "standard") -> dict[str, str | None]:
    ordered = sorted(parents, key=lambda n: n.get("dataFormat") != prefer)
    for parent in ordered:
        doc = parent.find("b:DocumentID", NS)
        if doc is None:
            doc = parent
        number = _text(doc.find("b:DocNumber", NS))
        if number:
            return {
                "country": _text(doc.find("b:WIPOST3Code", NS)),
                "number": number,
                "kind": _text(doc.find("b:Kind", NS)),
                "date": _text(doc.find("b:Date", NS)),
            }
    return {}


def _new_name(book: etree._Element) -> str | None:
    name = _text(book.find("b:Name", NS)) or _text(book.find("b:OrganizationName", NS))
    if name:
        return name
    parts = [_text(book.find(f"b:{tag}", NS)) for tag in ("LastName", "FirstName")]
    return " ".join(p for p in parts if p) or None


def _new_address(books: list[etree._Element]) -> dict[str, str | None]:
    """Address parts, each from the first copy (standard before original) that has it."""
    row: dict[str, str | None] = dict.fromkeys(ADDRESS_COLUMNS)
    for book in books:
        address = book.find("b:Address", NS)
        if address is None:
            continue
        text_postcode, text_rest = split_postcode(_part(address.find("b:Text", NS)))
        found = {
            "country": _part(address.find("b:WIPOST3Code", NS)),
            "state": _part(address.find("b:Province", NS)),
            "city": _part(address.find("b:City", NS)) or _part(address.find("b:AddressCity", NS)),
            "county": _part(address.find("b:County", NS)),
            "postcode": _part(address.find("b:PostCode", NS)) or text_postcode,
            "address_raw": text_rest,
        }
        for key, value in found.items():
            row[key] = row[key] or value
    return row


def _new_parties(root: etree._Element, biblio: etree._Element) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    specs = (
        ("applicant", "s:Parties/s:ApplicantDetails/s:Applicant"),
        ("inventor", "s:Parties/s:InventorDetails/s:Inventor"),
        ("assignee", "s:AssigneeDetails/s:Assignee"),
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for role, path in specs:
        rows = []
        for copies in _copies(biblio.findall(path, NS)):
            books = [book for node in copies for book in node.findall("b:AddressBook", NS)]
            name = next((n for n in (_new_name(b) for b in books) if n), None)
            if not name:
                continue
            rows.append(
                {
                    "role": role,
                    "name_raw": name,
                    "party_type": _party_type(name),
                    **(_new_address(books) if role != "inventor" else {}),
                    "_app_type": copies[0].get("appType"),
                }
            )
        found[role] = rows
    if not found["inventor"]:
        found["inventor"] = [
            {"role": "inventor", "name_raw": r["name_raw"], "party_type": "person"}
            for r in found["applicant"]
            if r["_app_type"] == "applicant-inventor"
        ]
    for role, _ in specs:
        for row in found[role]:
            row.pop("_app_type", None)
            parties.append(row)
    return parties


def _new_classes(biblio: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    ipcr = biblio.findall("s:ClassificationIPCRDetails/s:ClassificationIPCR", NS)
    for position, node in enumerate(_prefer_standard(ipcr)):
        symbol = normalize_ipc(_text(node.find("b:Text", NS)))
        if symbol is None:
            parts = [_text(node.find(f"s:{t}", NS)) or "" for t in ("Section", "MainClass", "Subclass")]
            groups = [_text(node.find(f"s:{t}", NS)) or "" for t in ("MainGroup", "Subgroup")]
            symbol = normalize_ipc("".join(parts) + " " + "/".join(groups))
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    if not found:  # before IPCR (1980s-2000s): ClassificationIPC with Main/FurtherClassification
        old = biblio.find("s:ClassificationIPC", NS)
        if old is not None:
            for tag, is_main in (("MainClassification", True), ("FurtherClassification", False)):
                for node in _prefer_standard(old.findall(f"s:{tag}", NS)):
                    symbol = normalize_ipc(_text(node))
                    if symbol:
                        found.append({"scheme": "IPC", "symbol": symbol, "is_main": is_main})
    cpc = [n for n in biblio.iter() if isinstance(n.tag, str) and etree.QName(n).localname == "ClassificationCPC"]
    for position, node in enumerate(_prefer_standard(cpc)):
        text_node = node.find("b:Text", NS)
        symbol = normalize_ipc(_text(text_node if text_node is not None else node))
        if symbol:
            found.append({"scheme": "CPC", "symbol": symbol, "is_main": position == 0})
    return _unique_classes(found)


def _new_record(root: etree._Element) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    biblio = root.find("s:BibliographicData", NS)
    if biblio is None:
        raise ValueError("no business:BibliographicData")
    publication = _new_document_id(biblio.findall("s:PublicationReference", NS))
    if not publication:
        publication = {
            "country": root.get("country"),
            "number": root.get("docNumber"),
            "kind": root.get("kind"),
            "date": root.get("datePublication"),
        }
    application = _new_document_id(biblio.findall("s:ApplicationReference", NS), prefer="original")
    priorities = [_new_document_id([p]) for p in _prefer_standard(biblio.findall("s:PriorityDetails/s:Priority", NS))]
    titles = biblio.findall("s:InventionTitle", NS)
    titles.sort(key=lambda n: ((n.get("lang") or "zh").lower() != "zh", n.get("dataFormat") != "standard"))
    abstracts = root.findall("s:Abstract", NS)
    abstracts.sort(key=lambda n: ((n.get("lang") or "zh").lower() != "zh", n.get("dataFormat") != "standard"))
    abstract = None
    for node in abstracts:
        abstract = clean_text(" ".join(filter(None, (_text(p) for p in node.findall("b:Paragraphs", NS)))))
        if abstract:
            break
    patent = _patent_row(
        publication,
        application,
        [p.get("date") for p in priorities],
        next((t for t in (_text(n) for n in titles) if t), None),
        abstract,
        (root.get("lang") or "zh").lower(),
    )
    return patent, _new_parties(root, biblio), _new_classes(biblio)


# --- old format (cn-patent-document, ZC 0012.2-2006) -----------------------------------------------------


def _old_document_id(node: etree._Element | None) -> dict[str, str | None]:
    doc = node.find("document-id") if node is not None else None
    if doc is None:
        return {}
    return {tag if tag != "doc-number" else "number": _text(doc.find(tag)) for tag in ("country", "doc-number",
                                                                                         "kind", "date")}


def _old_address(book: etree._Element | None) -> dict[str, str | None]:
    address = book.find("address") if book is not None else None
    if address is None:
        return dict.fromkeys(ADDRESS_COLUMNS)
    text_postcode, text_rest = split_postcode(_part(address.find("text")))
    lines = [_part(address.find(t)) for t in ("address-1", "address-2", "address-3", "street")]
    return {
        "country": _part(address.find("country")),
        "state": _part(address.find("state")) or _part(address.find("province")),
        "city": _part(address.find("city")),
        "county": _part(address.find("county")),
        "postcode": _part(address.find("postcode")) or text_postcode,
        "address_raw": text_rest or (" ".join(p for p in lines if p) or None),
    }


def _old_name(node: etree._Element) -> tuple[str | None, etree._Element | None]:
    book = node.find("addressbook")
    holder = book if book is not None else node
    name = _text(holder.find("name")) or _text(holder.find("orgname"))
    if not name:
        parts = [_text(holder.find(t)) for t in ("last-name", "first-name")]
        name = " ".join(p for p in parts if p) or None
    return name, book


def _old_parties(biblio: etree._Element) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    applicants = biblio.findall("cn-parties/cn-applicants/cn-applicant")
    for node in applicants:
        name, book = _old_name(node)
        if name:
            parties.append({"role": "applicant", "name_raw": name, "party_type": _party_type(name),
                            **_old_address(book)})
    for node in biblio.findall("cn-parties/cn-inventors/cn-inventor"):
        name, _ = _old_name(node)
        if name:
            parties.append({"role": "inventor", "name_raw": name, "party_type": "person"})
    for node in biblio.findall("assignees/assignee"):
        name, book = _old_name(node)
        if name:
            parties.append({"role": "assignee", "name_raw": name, "party_type": _party_type(name),
                            **_old_address(book)})
    return parties


def _old_classes(biblio: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for position, node in enumerate(biblio.findall("classifications-ipcr/classification-ipcr")):
        symbol = normalize_ipc(_text(node.find("text")))
        if symbol is None:
            parts = [_text(node.find(t)) or "" for t in ("section", "class", "subclass")]
            groups = [_text(node.find(t)) or "" for t in ("main-group", "subgroup")]
            symbol = normalize_ipc("".join(parts) + " " + "/".join(groups))
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    if not found:
        for tag, is_main in (("main-classification", True), ("further-classification", False)):
            for node in biblio.findall(f"classification-ipc/{tag}"):
                symbol = normalize_ipc(_text(node))
                if symbol:
                    found.append({"scheme": "IPC", "symbol": symbol, "is_main": is_main})
    return _unique_classes(found)


def _old_record(root: etree._Element) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    biblio = root.find("cn-bibliographic-data")
    if biblio is None:
        raise ValueError("no cn-bibliographic-data")
    publication = _old_document_id(biblio.find("cn-publication-reference"))
    application = _old_document_id(biblio.find("application-reference"))
    priorities = [_text(p.find("date")) for p in biblio.findall("priority-claims/priority-claim")]
    abstract_node = biblio.find("abstract")
    if abstract_node is None:
        abstract_node = root.find("abstract")
    abstract = None
    if abstract_node is not None:
        abstract = clean_text(" ".join(filter(None, (_text(p) for p in abstract_node.findall("p") if
                                                      p.find("bio-deposit") is None))))
    patent = _patent_row(
        publication,
        application,
        priorities,
        _text(biblio.find("invention-title")),
        abstract,
        (root.get("lang") or "zh").lower(),
    )
    return patent, _old_parties(biblio), _old_classes(biblio)


# --- shared ---------------------------------------------------------------------------------------------


def _party_type(name: str) -> str:
    return "person" if len(name) <= 4 and not re.search(r"[A-Za-z0-9]", name) else "organization"


def _unique_classes(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for row in found:
        key = (row["scheme"], row["symbol"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def _patent_row(
    publication: dict[str, str | None],
    application: dict[str, str | None],
    priority_dates: list[str | None],
    title: str | None,
    abstract: str | None,
    language: str,
) -> dict[str, Any]:
    country = (publication.get("country") or "CN").upper()
    number = publication.get("number")
    kind = publication.get("kind")
    patent_id = normalize_publication_number(f"{country}{number}", kind) if number else None
    published = _date(publication.get("date"))
    doc_type = doc_type_from_kind(country, kind)
    is_grant = bool(kind and kind[0] in {"B", "C", "U", "Y", "S"})
    priorities = [d for d in (_date(p) for p in priority_dates) if d]
    return {
        "patent_id": patent_id,
        "number_key": number_key(patent_id),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": doc_type,
        "application_number": application_number(application.get("number")),
        "application_date": _date(application.get("date")),
        "publication_date": published,
        "grant_date": published if is_grant else None,
        "priority_date": min(priorities, default=None),
        "title": title,
        "abstract": abstract,
        "language": "zh" if language in {"zh", "cn"} else language,
    }


def document_to_record(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(patent, parties, classifications) of one CNIPA document; XMLSyntaxError / ValueError when unusable."""
    root = parse_document(resolve_named_entities(data.removeprefix(BOM)))
    if root.tag == NEW_ROOT:
        return _new_record(root)
    if root.tag == OLD_ROOT:
        return _old_record(root)
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
    except (IngestError, zipfile.BadZipFile, OSError, EOFError, RuntimeError):
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
                except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
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
