"""The site's sections and the page types that list them.

A section is one module here: the query files it reads (sql/site/<section>*.sql), a build function that adds
its chart, table or cards to the page, and the Excel sheets (page.tables keys) it contributes to the page's
workbook. A page type is the ordered list of its sections. A new chart is one SQL file, one module, one line
in a page type below.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SectionBuilder = Callable[[Any, Any, Any], None]  # (con, SiteContext, Page) -> None; adds to page


@dataclass(frozen=True)
class Section:
    name: str
    build: SectionBuilder
    queries: tuple[str, ...] = ()  # names under sql/site/
    sheets: tuple[str, ...] = ()  # page.tables keys it may add (one Excel sheet and one CSV each)


# Page types: which sections a page shows, in order.
DETAIL_PAGE = ("summary", "zone_location", "high_value", "leading_applicants", "layout_directions", "tech_efficacy",
               "ip_operations",
               "trend",
               "lifecycle", "indicators", "applicants", "ipc", "landscape", "core_patents", "main_path",
               "collaboration", "signals", "patent_list", "provenance")
INDEX_PAGE = ("headline", "high_value", "matrix", "location_coverage", "districts", "trend", "lifecycle", "signals",
              "tech_efficacy", "ip_operations", "network_files", "patent_list", "provenance")
DOSSIER_PAGE = ("dossier",)
PAGE_TYPES = {"detail": DETAIL_PAGE, "index": INDEX_PAGE, "dossier": DOSSIER_PAGE}


def all_sections() -> dict[str, Section]:
    """Every section module's SECTION, by name."""
    found: dict[str, Section] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        section = getattr(module, "SECTION", None)
        if isinstance(section, Section):
            found[section.name] = section
    return found
