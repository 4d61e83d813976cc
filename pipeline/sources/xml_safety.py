"""One hardened lxml parser for every XML source: no entity expansion, no DTD loading, no network.

Billion-laughs and external-entity documents therefore parse without expanding anything (entity references
stay unresolved) and nothing is fetched; the DTDs USPTO files name (which are not shipped) are never opened.
"""

from __future__ import annotations

from lxml import etree


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_document(data: bytes) -> etree._Element:
    """Parse one document; raises etree.XMLSyntaxError on malformed input."""
    return etree.fromstring(data, parser=safe_parser())
