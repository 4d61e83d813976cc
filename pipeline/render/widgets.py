"""Building blocks of a page section (chart, table, cards, cell) and the formatting rules they share.

All data reaches HTML through jinja2 autoescaping; chart specs are JSON with <, >, & and U+2028/2029 escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

MAX_SEARCH_NAMES = 400  # applicant names a chart's search box suggests
PATENT_ID_PATTERN = re.compile(r"^(CN|US|EP|WO)[0-9A-Z]{4,20}$")


def json_for_script(value: Any) -> str:
    """JSON safe inside <script>: no '</script>', no '<!--', no raw U+2028/2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def patent_office_url(patent_id: str | None) -> str | None:
    """Public page of a CN/US/EP/WO publication; None for anything that is not a plain publication number."""
    if not patent_id or not PATENT_ID_PATTERN.match(patent_id):
        return None
    if patent_id.startswith("EP"):
        return f"https://worldwide.espacenet.com/patent/search?q=pn%3D{patent_id}"
    return f"https://patents.google.com/patent/{patent_id}"


def slug_for(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p) or "page"


def fmt_count(value: Any) -> str:
    return f"{int(value):,}" if value is not None else "0"


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}%"


def chart_section(section_id: str, zh: str, en: str, spec: dict[str, Any], note_zh: str = "",
                  note_en: str = "", search: Sequence[str] = ()) -> dict[str, Any]:
    """A chart section; search lists the applicant names its search box suggests (the spec has a `search`
    parameter, chart_views.add_search)."""
    from markupsafe import Markup

    return {"id": section_id, "kind": "chart", "title_zh": zh, "title_en": en, "note_zh": note_zh,
            "note_en": note_en, "spec_json": Markup(json_for_script(spec)),  # noqa: S704 (escaped above)
            "search": list(search)[:MAX_SEARCH_NAMES]}


def table_section(section_id: str, zh: str, en: str, columns: Sequence[tuple[str, str, str]],
                  rows: list[list[dict[str, Any]]], *, sortable: bool = True, note_zh: str = "",
                  note_en: str = "", filters: Sequence[tuple[int, str, str, str]] = (), paged: bool = False,
                  table_cls: str = "") -> dict[str, Any]:
    """A table section; columns are (type 'text'|'number', Chinese header, English header). Tables longer than
    layout.PAGE_ROWS (or `paged`) show their first rows with a filter box and "show all"; filters adds per-column
    filters (column index, 'text'|'select', Chinese label, English label)."""
    return {"id": section_id, "kind": "table", "sortable": sortable, "title_zh": zh, "title_en": en,
            "note_zh": note_zh, "note_en": note_en, "paged": paged, "table_cls": table_cls,
            "filters": [{"col": col, "kind": kind, "zh": f_zh, "en": f_en} for col, kind, f_zh, f_en in filters],
            "columns": [{"type": kind, "zh": col_zh, "en": col_en} for kind, col_zh, col_en in columns],
            "rows": rows}


def cards_section(section_id: str, zh: str, en: str, cards: list[tuple[str, str, str]]) -> dict[str, Any]:
    """A row of headline numbers; cards are (value, Chinese label, English label)."""
    return {"id": section_id, "kind": "cards", "title_zh": zh, "title_en": en,
            "cards": [{"value": value, "zh": label_zh, "en": label_en} for value, label_zh, label_en in cards]}


def cell(text: Any, *, sort: Any = None, num: bool = False, href: str | None = None, sub: str = "",
         mark: bool = False, extra_cls: str = "", anchor: str = "", group: str = "",
         title: str = "") -> dict[str, Any]:
    """A table cell; extra_cls adds CSS classes (e.g. heat-3), anchor gives the cell an id to link to; the first
    cell's group names the row's group (the rows a link to that group shows); title is a hover text."""
    cls = " ".join(c for c in ("num" if num else "", extra_cls) if c)
    return {"text": "" if text is None else str(text), "sort": sort, "cls": cls, "anchor": anchor, "group": group,
            "title": title,
            "href": href, "external": bool(href and href.startswith("https://")), "sub": sub, "mark": mark}
