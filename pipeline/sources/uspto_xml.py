"""USPTO full-text XML, grants (us-patent-grant) and pre-grant publications (us-patent-application), DTD v4.0-v4.5.

A weekly file is many XML documents concatenated, each starting with its own `<?xml …?>` declaration. The file is
read line by line and split at those declarations, so memory holds one document at a time whatever the file
size. Each document is parsed with the hardened parser (pipeline/sources/xml_safety.py). A malformed or
truncated document is quarantined with its position and the parser's message; the next one is read as usual.

Parties: v4.0-4.3 `parties/applicants/applicant` (app-type `applicant-inventor` is also an inventor, as
PatentsView reads it), v4.4+ `us-parties/us-applicants/us-applicant` and `inventors/inventor`; assignees from
`assignees/assignee`. Classifications: IPC from `classifications-ipcr` (or the v4.0-4.2 fixed-width
`classification-ipc`), USPC from `classification-national`, CPC from `classifications-cpc`, Locarno for designs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from pipeline.normalize import (
    clean_text,
    doc_type_from_kind,
    normalize_ipc,
    normalize_publication_number,
    number_key,
    parse_date,
)
from pipeline.sources.base import IngestUnit, RecordSink, excerpt
from pipeline.sources.xml_safety import parse_document

NPL_MAX_CHARS = 2000
_APPL_TYPES = {"utility": "grant", "design": "design", "plant": "plant", "reissue": "reissue", "sir": "grant"}
_CATEGORY = {
    "cited by examiner": "examiner",
    "cited by applicant": "applicant",
    "cited by other": "other",
    "cited by third party": "other",
}


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    return clean_text(" ".join("".join(node.itertext()).split()))


def _first(root: etree._Element, *paths: str) -> etree._Element | None:
    for path in paths:
        found = root.find(path)
        if found is not None:
            return found
    return None


def _loose_date(value: str | None) -> Any:
    """Citation dates like 19010500 (day or month unknown) become the first of the month or year."""
    if not value:
        return None
    if re.fullmatch(r"\d{8}", value):
        if value[4:6] == "00":
            value = value[:4] + "0101"
        elif value[6:] == "00":
            value = value[:6] + "01"
    return parse_date(value)


def declared_entities(root: etree._Element) -> str | None:
    """'xxe -> file:///etc/passwd, lol' when the document's internal DTD subset declares entities, else None.

    Real USPTO documents declare none (their subset is `[ ]`); one that does is forged or hostile. The parser never
    expands or fetches them; the document loads with the references as text and the quarantine says why."""
    dtd = root.getroottree().docinfo.internalDTD
    entities = dtd.iterentities() if dtd is not None else ()
    names = [f"{e.name} -> {e.system_url}" if e.system_url else str(e.name) for e in entities]
    if not names:
        return None
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


_DATE_PATHS = {
    "publication date": "publication-reference/document-id/date",
    "application date": "application-reference/document-id/date",
}


def unparseable_dates(root: etree._Element) -> list[str]:
    """Repair notes for main dates that were present but impossible (20231345, 10660101), left empty."""
    biblio = _first(root, "us-bibliographic-data-grant", "us-bibliographic-data-application")
    notes = []
    for label, path in _DATE_PATHS.items():
        raw = _text(biblio.find(path)) if biblio is not None else None
        if raw and parse_date(raw) is None:
            notes.append(f"unparseable {label} {raw!r}; left empty")
    return notes


_ROOT_END = re.compile(rb"</us-patent-(?:grant|application)>")


def split_documents(lines: Iterator[bytes]) -> Iterator[tuple[int, int, bytes]]:
    """Yield (document number, first line, bytes) for each document in a stream of lines.

    A document starts at a `<?xml` line and ends at its root's end tag: bytes after that end tag start a chunk of
    their own, so a document whose declaration was damaged is framed (and set aside) apart from the one before."""
    buffer: list[bytes] = []
    start_line = 1
    number = 0
    closed = False
    for line_number, line in enumerate(lines, start=1):
        starts = line.lstrip().startswith(b"<?xml")
        if (starts or closed) and any(chunk.strip() for chunk in buffer):
            number += 1
            yield number, start_line, b"".join(buffer)
            buffer = []
        if not any(chunk.strip() for chunk in buffer):
            start_line = line_number
        buffer.append(line)
        closed = bool(_ROOT_END.search(line))
    if any(chunk.strip() for chunk in buffer):
        yield number + 1, start_line, b"".join(buffer)


def _party_name(book: etree._Element | None) -> tuple[str | None, str]:
    if book is None:
        return None, "person"
    org = _text(book.find("orgname"))
    if org:
        return org, "organization"
    first, last = _text(book.find("first-name")), _text(book.find("last-name"))
    name = " ".join(p for p in (first, last) if p) or None
    return name, "person"


def _address(book: etree._Element | None) -> dict[str, str | None]:
    address = book.find("address") if book is not None else None
    if address is None:
        return {"country": None, "state": None, "city": None, "address_raw": None}
    parts = [_text(address.find(tag)) for tag in ("street", "city", "state", "postcode", "country")]
    return {
        "country": _text(address.find("country")),
        "state": _text(address.find("state")),
        "city": _text(address.find("city")),
        "address_raw": ", ".join(p for p in parts if p) or None,
    }


def _parties(biblio: etree._Element) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    applicants = biblio.findall("us-parties/us-applicants/us-applicant") or biblio.findall(
        "parties/applicants/applicant"
    )
    inventors = biblio.findall("us-parties/inventors/inventor") or biblio.findall("parties/inventors/inventor")
    for applicant in applicants:
        book = applicant.find("addressbook")
        name, kind = _party_name(book)
        if not name:
            continue
        row = {"name_raw": name, "party_type": kind, **_address(book)}
        parties.append({"role": "applicant", **row})
        if not inventors and applicant.get("app-type") == "applicant-inventor":
            parties.append({"role": "inventor", **row})
    for inventor in inventors:
        book = inventor.find("addressbook")
        name, kind = _party_name(book)
        if name:
            parties.append({"role": "inventor", "name_raw": name, "party_type": kind, **_address(book)})
    for assignee in biblio.findall("assignees/assignee"):
        book = assignee.find("addressbook")
        if book is None:  # v4.0 assignees carry orgname directly
            book = assignee
        name, kind = _party_name(book)
        if name:
            parties.append({"role": "assignee", "name_raw": name, "party_type": kind, **_address(book)})
    return parties


def _fixed_width_ipc(text: str | None) -> str | None:
    """v4.0-4.2 `classification-ipc` text such as 'A45F  504' = A45F 5/04 (group right-aligned in 3 columns)."""
    if not text:
        return None
    if "/" in text:
        return normalize_ipc(text)
    raw = text.replace("\u00a0", " ")
    match = re.match(r"^\s*([A-H]\d\d[A-Z])(.{3})(\d{2,6})\s*$", raw)
    if match and match.group(2).strip().isdigit():
        return normalize_ipc(f"{match.group(1)} {match.group(2).strip()}/{match.group(3)}")
    return normalize_ipc(raw)


def _classifications(biblio: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for position, ipcr in enumerate(biblio.findall("classifications-ipcr/classification-ipcr")):
        parts = [_text(ipcr.find(tag)) or "" for tag in ("section", "class", "subclass", "main-group", "subgroup")]
        symbol = normalize_ipc(f"{parts[0]}{parts[1]}{parts[2]} {parts[3]}/{parts[4]}")
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    if not any(c["scheme"] == "IPC" for c in found):
        for node in biblio.findall("classification-ipc/main-classification"):
            symbol = _fixed_width_ipc(node.text)
            if symbol:
                found.append({"scheme": "IPC", "symbol": symbol, "is_main": True})
        for node in biblio.findall("classification-ipc/further-classification"):
            symbol = _fixed_width_ipc(node.text)
            if symbol:
                found.append({"scheme": "IPC", "symbol": symbol, "is_main": False})
    national = biblio.find("classification-national")
    if national is not None:
        for tag, is_main in (("main-classification", True), ("further-classification", False)):
            for node in national.findall(tag):
                value = clean_text(node.text)
                if value:
                    found.append({"scheme": "USPC", "symbol": " ".join(value.split()), "is_main": is_main})
    for tag, is_main in (
        ("classifications-cpc/main-cpc/classification-cpc", True),
        ("classifications-cpc/further-cpc/classification-cpc", False),
    ):
        for cpc in biblio.findall(tag):
            parts = [_text(cpc.find(t)) or "" for t in ("section", "class", "subclass", "main-group", "subgroup")]
            symbol = normalize_ipc(f"{parts[0]}{parts[1]}{parts[2]} {parts[3]}/{parts[4]}")
            if symbol:
                found.append({"scheme": "CPC", "symbol": symbol, "is_main": is_main})
    locarno = _text(biblio.find("classification-locarno/main-classification"))
    if locarno:
        found.append({"scheme": "LOC", "symbol": locarno, "is_main": True})
    return found


def _citations(biblio: etree._Element) -> list[dict[str, Any]]:
    citations: list[dict[str, Any]] = []
    nodes = biblio.findall("us-references-cited/us-citation") or biblio.findall("references-cited/citation")
    for node in nodes:
        category = _CATEGORY.get((_text(node.find("category")) or "").lower(), "other")
        patcit = node.find("patcit")
        if patcit is not None:
            doc = patcit.find("document-id")
            country = _text(doc.find("country")) if doc is not None else None
            number = _text(doc.find("doc-number")) if doc is not None else None
            kind = _text(doc.find("kind")) if doc is not None else None
            if not number:
                continue
            raw = " ".join(p for p in (country, number, kind) if p)
            ref = normalize_publication_number(f"{country or ''}{number}", kind)
            citations.append(
                {
                    "cited_ref_raw": raw,
                    "cited_patent_ref": ref,
                    "cited_number_key": number_key(ref),
                    "cited_country": country,
                    "cited_date": _loose_date(_text(doc.find("date")) if doc is not None else None),
                    "category": category,
                    "is_npl": False,
                }
            )
            continue
        npl = node.find("nplcit")
        if npl is not None:
            text = _text(npl)
            if text:
                citations.append({"cited_ref_raw": text[:NPL_MAX_CHARS], "category": category, "is_npl": True})
    return citations


def document_to_record(
    root: etree._Element,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    is_grant = root.tag == "us-patent-grant"
    biblio = _first(root, "us-bibliographic-data-grant", "us-bibliographic-data-application")
    if biblio is None:
        raise ValueError(f"no bibliographic block in <{root.tag}>")
    publication = biblio.find("publication-reference/document-id")
    if publication is None:
        raise ValueError("no publication-reference")
    country = _text(publication.find("country")) or "US"
    number = _text(publication.find("doc-number"))
    kind = _text(publication.find("kind"))
    published = parse_date(_text(publication.find("date")))
    patent_id = normalize_publication_number(f"{country}{number or ''}", kind)
    application = biblio.find("application-reference")
    application_doc = application.find("document-id") if application is not None else None
    appl_type = application.get("appl-type") if application is not None else None
    priority_dates = [parse_date(_text(p.find("date"))) for p in biblio.findall("priority-claims/priority-claim")]
    priority = min((d for d in priority_dates if d), default=None)
    grant_type = _APPL_TYPES.get(appl_type or "") or doc_type_from_kind(country, kind)
    doc_type = grant_type if is_grant else "application"
    claims = _text(biblio.find("number-of-claims"))
    patent = {
        "patent_id": patent_id,
        "number_key": number_key(patent_id),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": doc_type,
        "application_number": _text(application_doc.find("doc-number")) if application_doc is not None else None,
        "application_date": parse_date(_text(application_doc.find("date"))) if application_doc is not None else None,
        "publication_date": published,
        "grant_date": published if is_grant else None,
        "priority_date": priority,
        "title": _text(biblio.find("invention-title")),
        "abstract": _text(root.find("abstract")),
        "language": (root.get("lang") or "en").lower(),
        "claims_count": int(claims) if claims and claims.isdigit() else None,
    }
    return patent, _parties(biblio), _classifications(biblio), _citations(biblio)


class UsptoXmlAdapter:
    format = "uspto_xml"
    source = "uspto_xml"

    def sniff(self, unit: IngestUnit) -> bool:
        if len(unit.members) != 1:
            return False
        head = unit.head(4096)
        return b"<?xml" in head and (b"us-patent-grant" in head or b"us-patent-application" in head)

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        path = unit.members[0]
        with open(path, "rb") as handle:
            for number, line, data in split_documents(iter(handle)):
                sink.framed += 1  # framed by its <?xml declaration, whatever lxml makes of it
                locator = f"doc {number} (line {line})"
                try:
                    root = parse_document(data)
                except etree.XMLSyntaxError as exc:
                    sink.records_read += 1
                    sink.quarantine(locator, f"malformed XML: {exc}", excerpt(data.decode("utf-8", "replace")))
                    continue
                if root.tag not in {"us-patent-grant", "us-patent-application"}:
                    sink.records_read += 1
                    sink.quarantine(locator, f"not a USPTO patent document: <{root.tag}>", None)
                    continue
                try:
                    patent, parties, classifications, citations = document_to_record(root)
                except ValueError as exc:
                    sink.records_read += 1
                    sink.quarantine(locator, str(exc), excerpt(data.decode("utf-8", "replace")))
                    continue
                if sink.add_document(
                    locator, patent, parties, classifications, citations, raw=data[:2000].decode("utf-8", "replace")
                ):
                    entities = declared_entities(root)
                    if entities:
                        note = f"declares XML entities ({entities}); none expanded or fetched, references kept as text"
                        sink.quarantine(locator, note, excerpt(data.decode("utf-8", "replace")), action="repaired")
                    for note in unparseable_dates(root):
                        sink.quarantine(locator, note, None, action="repaired")


ADAPTER = UsptoXmlAdapter()
