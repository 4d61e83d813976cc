"""EPO OPS 3.2 XML (`ops:world-patent-data`): biblio, family-with-biblio and legal responses.

Each `exchange-document` becomes one record (DOCDB numbers; applicants/inventors in DOCDB-style `epodoc`
format, the one OPS gives for every party, without the `original` duplicates). Titles and abstracts prefer
English. A family member that carries no `exchange-document` (the legal response) becomes a minimal record —
publication number, dates, family id — whose legal_status is its latest legal event's description.
A family response repeats documents; repeats are set aside by the sink as within-file duplicates.

Each exchange-document (or family member) is framed by its start tag and parsed on its own, not the response as
a whole, so a malformed or truncated document is quarantined and the others load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from pipeline.normalize import clean_text, doc_type_from_kind, normalize_ipc, normalize_publication_number, number_key
from pipeline.normalize import parse_date as _parse_date
from pipeline.sources.base import IngestUnit, RecordSink
from pipeline.sources.xml_safety import safe_parser

NS = {"x": "http://www.epo.org/exchange", "ops": "http://ops.epo.org"}


def _text(node: etree._Element | None) -> str | None:
    return None if node is None else clean_text(" ".join("".join(node.itertext()).split()))


def _docdb(parent: etree._Element | None) -> dict[str, str | None]:
    if parent is None:
        return {}
    doc = parent.find("x:document-id[@document-id-type='docdb']", NS)
    if doc is None:
        doc = parent.find("x:document-id", NS)
    if doc is None:
        return {}
    return {tag: _text(doc.find(f"x:{tag}", NS)) for tag in ("country", "doc-number", "kind", "date")}


def _any_date(parent: etree._Element | None) -> Any:
    if parent is None:
        return None
    for node in parent.iterfind(".//x:date", NS):
        parsed = _parse_date(_text(node))
        if parsed:
            return parsed
    return None


def _prefer_english(nodes: list[etree._Element]) -> tuple[str | None, str | None]:
    for node in sorted(nodes, key=lambda n: n.get("lang") != "en"):
        text = _text(node)
        if text:
            return text, node.get("lang")
    return None, None


def _parties(biblio: etree._Element) -> list[dict[str, Any]]:
    parties = []
    for role, path in (
        ("applicant", "x:parties/x:applicants/x:applicant"),
        ("inventor", "x:parties/x:inventors/x:inventor"),
    ):
        for node in biblio.iterfind(path, NS):
            if node.get("data-format") != "epodoc":
                continue
            name = _text(node.find(".//x:name", NS))
            if not name:
                continue
            country = None
            if name.endswith("]") and "[" in name:
                name, country = name[: name.rfind("[")].strip().rstrip(","), name[name.rfind("[") + 1 : -1]
            parties.append(
                {
                    "role": role,
                    "name_raw": name,
                    "country": country,
                    "party_type": "person" if role == "inventor" else "organization",
                }
            )
    return parties


def _classifications(biblio: etree._Element) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for position, node in enumerate(biblio.iterfind("x:classifications-ipcr/x:classification-ipcr", NS)):
        raw = " ".join((_text(node.find("x:text", NS)) or "").split()[:2])
        symbol = normalize_ipc(raw.replace("/ ", "/"))
        if symbol:
            found.append({"scheme": "IPC", "symbol": symbol, "is_main": position == 0})
    seen: set[str] = set()
    for node in biblio.iterfind("x:patent-classifications/x:patent-classification", NS):
        parts = [
            _text(node.find(f"x:{t}", NS)) or "" for t in ("section", "class", "subclass", "main-group", "subgroup")
        ]
        symbol = normalize_ipc(f"{parts[0]}{parts[1]}{parts[2]} {parts[3]}/{parts[4]}")
        if symbol and symbol not in seen:
            seen.add(symbol)
            found.append({"scheme": "CPC", "symbol": symbol, "is_main": not any(f["scheme"] == "CPC" for f in found)})
    return found


def _citations(biblio: etree._Element) -> list[dict[str, Any]]:
    citations: list[dict[str, Any]] = []
    for node in biblio.iterfind("x:references-cited/x:citation", NS):
        category = node.get("cited-by") or "other"
        patcit = node.find("x:patcit", NS)
        if patcit is not None:
            doc = _docdb(patcit)
            if not doc.get("doc-number"):
                continue
            raw = " ".join(v for v in (doc.get("country"), doc.get("doc-number"), doc.get("kind")) if v)
            ref = normalize_publication_number(f"{doc.get('country') or ''}{doc['doc-number']}", doc.get("kind"))
            citations.append(
                {
                    "cited_ref_raw": raw,
                    "cited_patent_ref": ref,
                    "cited_number_key": number_key(ref),
                    "cited_country": doc.get("country"),
                    "cited_date": _parse_date(doc.get("date")),
                    "category": category,
                    "is_npl": False,
                }
            )
        npl = node.find("x:nplcit", NS)
        if npl is not None and _text(npl):
            citations.append({"cited_ref_raw": (_text(npl) or "")[:2000], "category": category, "is_npl": True})
    return citations


def exchange_document_record(node: etree._Element) -> tuple[dict[str, Any], list[Any], list[Any], list[Any]]:
    biblio = node.find("x:bibliographic-data", NS)
    if biblio is None:
        raise ValueError("exchange-document without bibliographic-data")
    publication = _docdb(biblio.find("x:publication-reference", NS))
    country = publication.get("country") or node.get("country")
    kind = publication.get("kind") or node.get("kind")
    number = publication.get("doc-number") or node.get("doc-number")
    patent_id = normalize_publication_number(f"{country or ''}{number or ''}", kind)
    title, language = _prefer_english(biblio.findall("x:invention-title", NS))
    abstract, _ = _prefer_english(node.findall("x:abstract", NS))
    priorities = [d for d in (_any_date(p) for p in biblio.iterfind("x:priority-claims/x:priority-claim", NS)) if d]
    patent = {
        "patent_id": patent_id,
        "number_key": number_key(patent_id),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": doc_type_from_kind(country, kind),
        "application_number": _docdb(biblio.find("x:application-reference", NS)).get("doc-number"),
        "application_date": _any_date(biblio.find("x:application-reference", NS)),
        "publication_date": _parse_date(publication.get("date")),
        "grant_date": _parse_date(publication.get("date")) if (kind or "").startswith("B") else None,
        "priority_date": min(priorities) if priorities else None,
        "family_id": node.get("family-id"),
        "title": title,
        "abstract": abstract,
        "language": language,
    }
    return patent, _parties(biblio), _classifications(biblio), _citations(biblio)


def family_member_record(member: etree._Element) -> dict[str, Any]:
    publication = _docdb(member.find("x:publication-reference", NS))
    country, kind = publication.get("country"), publication.get("kind")
    patent_id = normalize_publication_number(f"{country or ''}{publication.get('doc-number') or ''}", kind)
    events = member.findall("ops:legal", NS)
    return {
        "patent_id": patent_id,
        "number_key": number_key(patent_id),
        "jurisdiction": country,
        "kind": kind,
        "doc_type": doc_type_from_kind(country, kind),
        "publication_date": _parse_date(publication.get("date")),
        "application_date": _any_date(member.find("x:application-reference", NS)),
        "family_id": member.get("family-id"),
        "legal_status": clean_text(events[-1].get("desc")) if events else None,
    }


class EpoOpsAdapter:
    format = "epo_ops_xml"
    source = "epo_ops"

    def sniff(self, unit: IngestUnit) -> bool:
        head = unit.head(2048)
        return len(unit.members) == 1 and b"world-patent-data" in head and b"ops.epo.org" in head

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        data = unit.members[0].read_bytes()
        documents = list(frame_elements(data, b"exchange-document"))
        sink.framed += len(documents)
        for position, chunk in enumerate(documents, start=1):
            node, problem = parse_element(chunk, "x:exchange-document")
            label = f"{node.get('country')}{node.get('doc-number')}{node.get('kind')}" if node is not None else "?"
            locator = f"exchange-document {position} ({label})"
            try:
                if node is None:
                    raise ValueError(problem)
                patent, parties, classes, citations = exchange_document_record(node)
            except ValueError as exc:
                sink.records_read += 1
                sink.quarantine(locator, str(exc), chunk[:2000].decode("utf-8", "replace"))
                continue
            sink.add_document(locator, patent, parties, classes, citations)
        if documents:
            return
        members = list(frame_elements(data, b"ops:family-member"))
        sink.framed += len(members)
        for position, chunk in enumerate(members, start=1):
            member, problem = parse_element(chunk, "ops:family-member")
            if member is None:
                sink.records_read += 1
                sink.quarantine(f"family-member {position}", problem, chunk[:2000].decode("utf-8", "replace"))
                continue
            sink.add_document(f"family-member {position}", family_member_record(member))


# The namespaces of an OPS response, declared around each framed element so that it parses on its own.
_WRAP_OPEN = b'<ops-record xmlns="http://www.epo.org/exchange" xmlns:ops="http://ops.epo.org" ' \
    b'xmlns:xlink="http://www.w3.org/1999/xlink">'
_WRAP_CLOSE = b"</ops-record>"


def frame_elements(data: bytes, tag: bytes) -> Iterator[bytes]:
    """Each <tag …>…</tag> of the response, found by its tags rather than by parsing the whole response, so a
    malformed or truncated document costs only itself. An element whose end tag is missing runs to the next start
    tag; an end tag without its start tag (damaged) is framed from the previous element's end, and set aside."""
    closing = b"</" + tag + b">"
    starts = [m.start() for m in re.finditer(b"<" + re.escape(tag) + rb"[\s>/]", data)]
    previous_end = 0
    for index, start in enumerate([*starts, len(data)]):
        while (orphan := data.find(closing, previous_end, start)) >= 0:
            yield data[previous_end : orphan + len(closing)]
            previous_end = orphan + len(closing)
        if index == len(starts):
            return
        limit = starts[index + 1] if index + 1 < len(starts) else len(data)
        end = data.find(closing, start, limit)
        previous_end = limit if end < 0 else end + len(closing)
        yield data[start:previous_end]


def parse_element(chunk: bytes, path: str) -> tuple[etree._Element | None, str]:
    try:
        wrapper = etree.fromstring(_WRAP_OPEN + chunk + _WRAP_CLOSE, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        return None, f"malformed XML: {exc}"
    node = wrapper.find(path, NS)
    return (node, "") if node is not None else (None, f"no <{path.split(':')[-1]}> element")


ADAPTER = EpoOpsAdapter()
