"""The current CNIPA XML format: root business:PatentDocumentAndRelated (namespaces base/business of
www.sipo.gov.cn). Numbers, titles, parties and classifications may be written twice, dataFormat standard and
original: one of each is kept (standard first), an address part taken from whichever copy has it."""

from __future__ import annotations

from typing import Any

from lxml import etree

from pipeline.normalize import clean_text, normalize_ipc
from pipeline.sources.cnipa.common import (
    ADDRESS_COLUMNS,
    part,
    party_type,
    patent_row,
    split_postcode,
    text,
    unique_classes,
)

BASE = "http://www.sipo.gov.cn/XMLSchema/base"
BUSINESS = "http://www.sipo.gov.cn/XMLSchema/business"
NS = {"b": BASE, "s": BUSINESS}
ROOT = f"{{{BUSINESS}}}PatentDocumentAndRelated"


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
        number = text(doc.find("b:DocNumber", NS))
        if number:
            return {
                "country": text(doc.find("b:WIPOST3Code", NS)),
                "number": number,
                "kind": text(doc.find("b:Kind", NS)),
                "date": text(doc.find("b:Date", NS)),
            }
    return {}


def _new_name(book: etree._Element) -> str | None:
    name = text(book.find("b:Name", NS)) or text(book.find("b:OrganizationName", NS))
    if name:
        return name
    parts = [text(book.find(f"b:{tag}", NS)) for tag in ("LastName", "FirstName")]
    return " ".join(p for p in parts if p) or None


def _new_address(books: list[etree._Element]) -> dict[str, str | None]:
    """Address parts, each from the first copy (standard before original) that has it."""
    row: dict[str, str | None] = dict.fromkeys(ADDRESS_COLUMNS)
    for book in books:
        address = book.find("b:Address", NS)
        if address is None:
            continue
        text_postcode, text_rest = split_postcode(part(address.find("b:Text", NS)))
        found = {
            "country": part(address.find("b:WIPOST3Code", NS)),
            "state": part(address.find("b:Province", NS)),
            "city": part(address.find("b:City", NS)) or part(address.find("b:AddressCity", NS)),
            "county": part(address.find("b:County", NS)),
            "postcode": part(address.find("b:PostCode", NS)) or text_postcode,
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
                    "party_type": party_type(name),
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
        symbol = normalize_ipc(text(node.find("b:Text", NS)))
        if symbol is None:
            parts = [text(node.find(f"s:{t}", NS)) or "" for t in ("Section", "MainClass", "Subclass")]
            groups = [text(node.find(f"s:{t}", NS)) or "" for t in ("MainGroup", "Subgroup")]
            symbol = normalize_ipc("".join(parts) + " " + "/".join(groups))
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    if not found:  # before IPCR (1980s-2000s): ClassificationIPC with Main/FurtherClassification
        old = biblio.find("s:ClassificationIPC", NS)
        if old is not None:
            for tag, is_main in (("MainClassification", True), ("FurtherClassification", False)):
                for node in _prefer_standard(old.findall(f"s:{tag}", NS)):
                    symbol = normalize_ipc(text(node))
                    if symbol:
                        found.append({"scheme": "IPC", "symbol": symbol, "is_main": is_main})
    cpc = [n for n in biblio.iter() if isinstance(n.tag, str) and etree.QName(n).localname == "ClassificationCPC"]
    for position, node in enumerate(_prefer_standard(cpc)):
        text_node = node.find("b:Text", NS)
        symbol = normalize_ipc(text(text_node if text_node is not None else node))
        if symbol:
            found.append({"scheme": "CPC", "symbol": symbol, "is_main": position == 0})
    return unique_classes(found)


def record(root: etree._Element) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
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
        abstract = clean_text(" ".join(filter(None, (text(p) for p in node.findall("b:Paragraphs", NS)))))
        if abstract:
            break
    patent = patent_row(
        publication,
        application,
        [p.get("date") for p in priorities],
        next((t for t in (text(n) for n in titles) if t), None),
        abstract,
        (root.get("lang") or "zh").lower(),
    )
    return patent, _new_parties(root, biblio), _new_classes(biblio)
