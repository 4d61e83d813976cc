"""Render only what changed: every page gets a fingerprint of what it shows, and a page whose fingerprint is the one
the published site was rendered from is carried over instead of written again.

The fingerprint is taken after the page's sections are built (their queries run, the rows and chart specs in
hand) and before anything is written: a hash over the sections, every export table's rows, the page's own
provenance (its cut-off and source files), the navigation and the render code. Writing the page, its workbook,
its CSVs and its report PDF is what costs at scale; a page whose fingerprint did not move gets those files
hard-linked (copied where links are not possible) from the live site into the staging directory, so they are
byte-identical to what a full render writes, and the atomic swap publishes them with the rest.

`render-manifest.json` in the site lists, per page, its fingerprint and the files it wrote. It travels with the
site: a site deleted or swapped by hand simply renders whole the next time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.render.context import Page

log = logging.getLogger(__name__)

MANIFEST = "render-manifest.json"
MANIFEST_VERSION = 1


def _jsonable(value: Any) -> Any:
    if isinstance(value, pl.DataFrame):
        return {"frame": frame_digest(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return repr(value)


def frame_digest(frame: pl.DataFrame) -> str:
    """A digest of a frame's schema and rows, independent of how its memory is chunked."""
    digest = hashlib.sha256(json.dumps([[name, str(dtype)] for name, dtype in frame.schema.items()]).encode())
    digest.update(str(frame.height).encode())
    if frame.height and frame.width:
        for seed in (0, 1):  # two 64-bit row hashes: 128 bits per row
            digest.update(frame.hash_rows(seed=seed).to_numpy().tobytes())
    return digest.hexdigest()


def page_fingerprint(page: Page, site_key: str) -> str:
    """What the page's files are made from: its sections, its export tables, its provenance and the site key."""
    digest = hashlib.sha256(site_key.encode())
    head = [page.slug, page.title_zh, page.title_en, page.scope, page.industry, page.entity, page.synthetic_share,
            page.cutoff, page.files]
    digest.update(json.dumps(head, default=_jsonable, sort_keys=True, ensure_ascii=False).encode())
    digest.update(json.dumps(page.sections, default=_jsonable, sort_keys=True, ensure_ascii=False).encode())
    for name, frame in page.tables.items():
        digest.update(b"\0table\0" + name.encode())
        digest.update(frame_digest(frame).encode() if frame is not None else b"none")
    return digest.hexdigest()[:32]


def render_code_version() -> str:
    """The render layer's code: its modules, templates and site queries (sql/site/)."""
    from pipeline.settings import PROJECT_ROOT

    render = Path(__file__).parent
    files = sorted(render.rglob("*.py")) + sorted((render / "templates").glob("*"))
    files += sorted((PROJECT_ROOT / "sql" / "site").glob("*.sql"))
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def page_files(site_dir: Path, slug: str) -> list[str]:
    """Every file a page wrote, relative to the site: its HTML, workbook, CSV folder and report PDF."""
    found = [f"{slug}.html"]
    exports = site_dir / "exports"
    for name in (f"{slug}.xlsx", f"{slug}-report.pdf"):
        if (exports / name).is_file():
            found.append(f"exports/{name}")
    folder = exports / slug
    if folder.is_dir():
        found += sorted(f"exports/{slug}/{p.name}" for p in folder.iterdir() if p.is_file())
    return found


@dataclass
class Carry:
    """The previous render's manifest and this render's: which pages may be carried over, which were."""

    live_dir: Path
    out_dir: Path
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)
    current: dict[str, dict[str, Any]] = field(default_factory=dict)
    carried: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, live_dir: Path, out_dir: Path) -> Carry:
        carry = cls(live_dir, out_dir)
        path = live_dir / MANIFEST
        try:
            manifest = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        except (OSError, ValueError):
            manifest = {}
        if manifest.get("version") == MANIFEST_VERSION:
            carry.previous = manifest.get("pages", {})
        return carry

    def take(self, slug: str, fingerprint: str) -> int | None:
        """Carry the page over when the live site holds it under this fingerprint; the HTML's size, else None."""
        entry = self.previous.get(slug)
        if not entry or entry.get("fingerprint") != fingerprint:
            return None
        files = entry.get("files", [])
        if not files or not all((self.live_dir / name).is_file() for name in files):
            return None
        try:
            for name in files:
                target = self.out_dir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(self.live_dir / name, target)
        except OSError as exc:
            log.warning("%s: could not carry the page over (%s); rendering it", slug, exc)
            for name in files:
                (self.out_dir / name).unlink(missing_ok=True)
            return None
        self.current[slug] = entry
        self.carried.append(slug)
        return (self.out_dir / f"{slug}.html").stat().st_size

    def record(self, slug: str, fingerprint: str, *, complete: bool = True) -> None:
        """A page written by this render; `complete=False` (its PDF could not be printed) renders it again next
        time rather than carrying the gap."""
        self.written.append(slug)
        if complete:
            self.current[slug] = {"fingerprint": fingerprint, "files": page_files(self.out_dir, slug)}

    def save(self) -> dict[str, int]:
        manifest = {"version": MANIFEST_VERSION, "pages": dict(sorted(self.current.items()))}
        (self.out_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                                             encoding="utf-8")
        return {"pages_written": len(self.written), "pages_carried": len(self.carried)}


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
