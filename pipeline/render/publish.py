"""Publishing a rendered site: written into a staging directory beside the live one, then swapped in.

A reader never sees a half-written site: the old directory is renamed away, the new one renamed in, and the
old one deleted; if the swap fails the previous site is put back.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def publish_site(staging: Path, site_dir: Path) -> None:
    """Swap the freshly written site in: rename the old one away, rename the new one in, delete the old."""
    old = site_dir.with_name(f".{site_dir.name}-old-{int(time.time() * 1000)}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)  # put the previous site back rather than leave none
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build_and_publish(site_dir: Path, build: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """Run build(staging_dir) beside site_dir, then publish; a failed build leaves the live site untouched."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}-new-{int(time.time() * 1000)}")
    staging.mkdir()
    try:
        summary = build(staging)
        publish_site(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return summary
