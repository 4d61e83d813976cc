"""CLI command modules. Each module defines register(app: typer.Typer) and is imported by pipeline.cli.

Keeping commands in separate modules lets each feature own its wiring without touching a shared file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}").register(app)
