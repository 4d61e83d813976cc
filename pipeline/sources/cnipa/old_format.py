"""The 2006 CNIPA XML format (ZC 0012.2-2006, ST.36 with cn-* element names): root cn-patent-document."""

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

ROOT = "cn-patent-document"


def _old_document_id(node: etree._Element | None) -> dict[str, str | None]:
    doc = node.find("document-id") if node is not None else None
    if doc is None:
        return {}
    return {
        tag if tag != "doc-number" else "number": text(doc.find(tag))
        for tag in ("country", "doc-number", "kind", "date")
    }


def _old_address(book: etree._Element | None) -> dict[str, str | None]:
    address = book.find("address") if book is not None else None
    if address is None:
        return dict.fromkeys(ADDRESS_COLUMNS)
    text_postcode, text_rest = split_postcode(part(address.find("text")))
    lines = [part(address.find(t)) for t in ("address-1", "address-2", "address-3", "street")]
    return {
        "country": part(address.find("country")),
        "state": part(address.find("state")) or part(address.find("province")),
        "city": part(address.find("city")),
        "county": part(address.find("county")),
        "postcode": part(address.find("postcode")) or text_postcode,
        "address_raw": text_rest or (" ".join(p for p in lines if p) or None),
    }


def _old_name(node: etree._Element) -> tuple[str | None, etree._Element | None]:
    book = node.find("addressbook")
    holder = book if book is not None else node
    name = text(holder.find("name")) or text(holder.find("orgname"))
    if not name:
        parts = [text(holder.find(t)) for t in ("last-name", "first-name")]
        name = " ".join(p for p in parts if p) or None
    return name, book


def _old_parties(biblio: etree._Element) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    applicants = biblio.findall("cn-parties/cn-applicants/cn-applicant")
    for node in applicants:
        name, book = _old_name(node)
        if name:
            parties.append(
                {"role": "applicant", "name_raw": name, "party_type": party_type(name), **_old_address(book)}
            )
    for node in biblio.findall("cn-parties/cn-inventors/cn-inventor"):
        name, _ = _old_name(node)
        if name:
            parties.append({"role": "inventor", "name_raw": name, "party_type": "person"})
    for node in biblio.findall("assignees/assignee"):
        name, book = _old_name(node)
        if name:
            parties.append({"role": "assignee", "name_raw": name, "party_type": party_type(name), **_old_address(book)})
    return parties


def _old_classes(biblio: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for position, node in enumerate(biblio.findall("classifications-ipcr/classification-ipcr")):
        symbol = normalize_ipc(text(node.find("text")))
        if symbol is None:
            parts = [text(node.find(t)) or "" for t in ("section", "class", "subclass")]
            groups = [text(node.find(t)) or "" for t in ("main-group", "subgroup")]
            symbol = normalize_ipc("".join(parts) + " " + "/".join(groups))
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    if not found:
        for tag, is_main in (("main-classification", True), ("further-classification", False)):
            for node in biblio.findall(f"classification-ipc/{tag}"):
                symbol = normalize_ipc(text(node))
                if symbol:
                    found.append({"scheme": "IPC", "symbol": symbol, "is_main": is_main})
    return unique_classes(found)


def record(root: etree._Element) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    biblio = root.find("cn-bibliographic-data")
    if biblio is None:
        raise ValueError("no cn-bibliographic-data")
    publication = _old_document_id(biblio.find("cn-publication-reference"))
    application = _old_document_id(biblio.find("application-reference"))
    priorities = [text(p.find("date")) for p in biblio.findall("priority-claims/priority-claim")]
    abstract_node = biblio.find("abstract")
    if abstract_node is None:
        abstract_node = root.find("abstract")
    abstract = None
    if abstract_node is not None:
        abstract = clean_text(
            " ".join(filter(None, (text(p) for p in abstract_node.findall("p") if p.find("bio-deposit") is None)))
        )
    patent = patent_row(
        publication,
        application,
        priorities,
        text(biblio.find("invention-title")),
        abstract,
        (root.get("lang") or "zh").lower(),
    )
    return patent, _old_parties(biblio), _old_classes(biblio)
