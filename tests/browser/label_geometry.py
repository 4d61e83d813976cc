"""What the browser tests measure of drawn text: the boxes of displayed elements, and which of them overlap."""

from __future__ import annotations

from typing import Any

# Text elements under root that are actually displayed (no display:none on them or any ancestor).
BOXES_JS = """([root, selector]) => Array.from(root.querySelectorAll(selector))
    .filter(e => { let n = e; while (n && n !== root) { if (getComputedStyle(n).display === 'none') return false;
                   n = n.parentElement; } return true; })
    .map(e => { const r = e.getBoundingClientRect();
                return {text: e.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })"""


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                found.append((a["text"], b["text"]))
    return found
