"""Safety rules for what leaves the warehouse as files: spreadsheet cells and file names built from data.

One home for each rule, so every export path (site workbooks and CSVs, network exports, quarantine export,
`classify`/`locate` outputs) applies the same one.
"""

from __future__ import annotations

import re
from typing import Any

# A spreadsheet runs a cell as a formula when its text starts with one of these. A tab or carriage return is
# skipped by some spreadsheets before a formula sign, and Chinese input methods type the full-width signs, which
# some spreadsheets accept too, so both are neutralised as well (OWASP "CSV injection", strictest reading).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

FILE_NAME_MAX_CHARS = 80


def spreadsheet_safe(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula gets a leading apostrophe; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe_text(value: object) -> str:
    """spreadsheet_safe for writers that want text: None becomes the empty string."""
    return "" if value is None else str(spreadsheet_safe(value if isinstance(value, str) else str(value)))


def safe_file_name(text: str, fallback: str = "file") -> str:
    """A file-name stem from data: ASCII letters, digits, dot, dash, underscore; no leading dot; never empty."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:FILE_NAME_MAX_CHARS].strip("-._")
    return cleaned or fallback
