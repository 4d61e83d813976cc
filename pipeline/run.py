"""The nightly run as plain functions: the Airflow DAG and `patentnav run` call these and nothing else.

Every function takes plain arguments (paths as strings, step names) and returns a small JSON-able dict, so it
can be an Airflow task as it stands. Each opens the warehouse itself and holds the writer lock only while it
writes; Airflow additionally serialises writers through a pool of one slot.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import IngestError, PatentNavError
from pipeline.settings import Settings, load_settings
from pipeline.steps import ENRICH_AND_ANALYSE, Step

log = logging.getLogger(__name__)

# Writers queue for each other this long before giving up with a clear message.
WRITER_WAIT_SECONDS = 1800.0
CODE_VERSION = "1"


def _settings(settings: Settings | None) -> Settings:
    return settings or load_settings()


def stage_sample_inbox(settings: Settings | None = None) -> dict[str, Any]:
    """Copy the bundled samples into the inbox (files already there with the same bytes are left alone)."""
    s = _settings(settings)
    copied = 0
    for source in sorted(s.sample_dir.rglob("*")):
        if not source.is_file() or source.name.upper().startswith(("PROVENANCE", "README")):
            continue
        target = s.inbox / source.relative_to(s.sample_dir)
        if target.exists() and target.stat().st_size == source.stat().st_size and _same_bytes(source, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied += 1
    return {"inbox": str(s.inbox), "copied": copied}


def _same_bytes(a: Path, b: Path) -> bool:
    return _sha256(a) == _sha256(b)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def discover_new_files(settings: Settings | None = None) -> list[str]:
    """Inbox units whose content is not yet loaded (the manifest diff). Read-only; cheap."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.ingest import content_hash

    s = _settings(settings)
    if not s.inbox.exists():
        return []
    units = discover_units([s.inbox])
    if not s.warehouse.exists():
        new = [str(u.path) for u in units]
    else:
        with duckdb.connect(str(s.warehouse), read_only=True) as con:
            loaded: set[str] = set()
            if _table_exists(con, "core", "ingest_file"):
                loaded = {
                    row[0]
                    for row in con.execute("select file_id from core.ingest_file where status = 'loaded'").fetchall()
                }
            new = [str(u.path) for u in units if content_hash(con, u, record=False)[0][:16] not in loaded]
    log.info("inbox %s: %d units, %d new or changed", s.inbox, len(units), len(new))
    return new


def ingest_file(path: str, settings: Settings | None = None) -> dict[str, Any]:
    """Load one inbox unit. A file-level failure is recorded in the manifest and returned, not raised, so one
    bad file does not stop the night; `finish_run` turns failures into a red run after the site is published."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import ingest_unit

    s = _settings(settings)
    units = discover_units([Path(path)])
    results = []
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        for unit in units:
            try:
                result = ingest_unit(con, unit)
                results.append(
                    {
                        "path": result.path,
                        "status": result.status,
                        "patents": result.patents_loaded,
                        "quarantined": result.quarantined,
                    }
                )
            except IngestError as exc:
                log.error("%s", exc)
                results.append({"path": str(unit.path), "status": "failed", "message": exc.reason})
    return {"files": results}


def finalize_and_check(settings: Settings | None = None) -> dict[str, Any]:
    """Whole-table core steps once per run, then the core data checks (a violation fails the run)."""
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import finalize_core, sign_inbox

    s = _settings(settings)
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        sign_inbox(con, s.inbox)
        fingerprint = _loaded_fingerprint(con)
        if _step_is_current(con, "finalize_core", fingerprint):
            log.info("finalize_core: no file loaded or removed since last run; skipped")
            results = assert_checks_pass(con, prefix="core_")
            return {"skipped": True, "checks": len(results)}
        finalize_core(con)
        results = assert_checks_pass(con, prefix="core_")
        _record_step(con, "finalize_core", fingerprint, {"checks": len(results)})
    return {"skipped": False, "checks": len(results)}


def run_step(
    name: str, settings: Settings | None = None, *, force: bool = False, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Run one enrichment/analysis step unless its inputs are unchanged since it last succeeded."""
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.connection import open_warehouse

    s = _settings(settings)
    step = _step_named(name)
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        fingerprint = _step_fingerprint(con, step, s)
        if not force and _step_is_current(con, step.name, fingerprint):
            log.info("%s: inputs unchanged since its last run; skipped (nothing depends on new data)", step.name)
            return {"step": step.name, "skipped": True}
        started = time.monotonic()
        summary = step.load()(con, s, **(options or {}))
        assert_checks_pass(con, prefix=_check_prefix(step))
        seconds = round(time.monotonic() - started, 2)
        _record_step(con, step.name, fingerprint, {**summary, "seconds": seconds})
    log.info("%s: done in %.1fs: %s", step.name, seconds, summary)
    return {"step": step.name, "skipped": False, "seconds": seconds, **summary}


def render_and_publish(settings: Settings | None = None, *, force: bool = False) -> dict[str, Any]:
    """Render the site and swap it in atomically."""
    from pipeline.render.site import render_site
    from pipeline.warehouse.connection import open_warehouse

    s = _settings(settings)
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        fingerprint = _all_steps_fingerprint(con)
        if not force and s.site_dir.joinpath("index.html").exists() and _step_is_current(con, "render", fingerprint):
            log.info("render: warehouse unchanged since the site was published; skipped")
            return {"skipped": True, "site": str(s.site_dir / "index.html")}
        summary = render_site(con, s)
        _record_step(con, "render", fingerprint, summary)
    return {"skipped": False, "site": str(s.site_dir / "index.html"), **summary}


def finish_run(settings: Settings | None = None) -> dict[str, Any]:
    """Fail the run (after publishing) if an inbox file could not be read, naming each one and why."""
    s = _settings(settings)
    if not s.warehouse.exists():
        return {"failed_files": 0}
    with duckdb.connect(str(s.warehouse), read_only=True) as con:
        failed = con.execute(
            """
            select f.path, f.message from core.ingest_file as f
            where f.status = 'failed'
              and not exists (select 1 from core.ingest_file as g where g.path = f.path and g.status = 'loaded'
                              and g.first_seen_at >= f.first_seen_at)
            order by f.path
            """
        ).fetchall()
    failed = [(path, message) for path, message in failed if Path(path).exists()]
    if failed:
        detail = "; ".join(f"{path}: {message}" for path, message in failed)
        raise PatentNavError(f"{len(failed)} file(s) could not be loaded (the rest were): {detail}")
    return {"failed_files": 0}


def run_all(settings: Settings | None = None, *, force: bool = False) -> dict[str, Any]:
    """The nightly DAG's steps in the same order, in-process (no scheduler needed)."""
    s = _settings(settings)
    started = time.monotonic()
    seconds: dict[str, float] = {}

    def timed(phase: str, call: Any) -> Any:
        phase_started = time.monotonic()
        result = call()
        seconds[phase] = round(time.monotonic() - phase_started, 2)
        return result

    report: dict[str, Any] = {"ingest": timed("ingest", lambda: [ingest_file(p, s) for p in discover_new_files(s)])}
    report["finalize"] = timed("finalize", lambda: finalize_and_check(s))
    report["steps"] = [timed(step.name, lambda step=step: run_step(step.name, s, force=force))
                       for step in available_steps()]
    report["render"] = timed("render", lambda: render_and_publish(s, force=force))
    report["finish"] = finish_run(s)
    report["phase_seconds"] = seconds
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def available_steps() -> list[Step]:
    return list(ENRICH_AND_ANALYSE)


def _step_named(name: str) -> Step:
    for step in ENRICH_AND_ANALYSE:
        if step.name == name:
            return step
    raise PatentNavError(f"unknown step {name!r}; known: {', '.join(s.name for s in ENRICH_AND_ANALYSE)}")


def _check_prefix(step: Step) -> tuple[str, ...]:
    # Checks are named <schema>_<table>_…; a step's checks are those on the tables it owns, which the step
    # module lists in CHECK_PREFIXES (default: none beyond the core checks).
    module = step.target.split(":")[0]
    import importlib

    prefixes = getattr(importlib.import_module(module), "CHECK_PREFIXES", ())
    return tuple(prefixes) if prefixes else ("core_",)


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    row = con.execute(
        "select count(*) from duckdb_tables() where schema_name = $s and table_name = $t", {"s": schema, "t": table}
    ).fetchone()
    return bool(row and row[0])


def _loaded_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute("select file_id from core.ingest_file where status = 'loaded' order by file_id").fetchall()
    return hashlib.sha256(("|".join(r[0] for r in rows) + CODE_VERSION).encode()).hexdigest()[:16]


def _step_fingerprint(con: duckdb.DuckDBPyConnection, step: Step, settings: Settings) -> str:
    """A step's inputs: the loaded files, the steps before it, and its reference data and code version."""
    from pipeline.steps import step_version

    parts = [_loaded_fingerprint(con), step_version(step, settings)]
    for earlier in ENRICH_AND_ANALYSE:
        if earlier.name == step.name:
            break
        row = con.execute(
            "select input_fingerprint from meta.step_state where step = $s", {"s": earlier.name}
        ).fetchone()
        parts.append(row[0] if row else "never")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _all_steps_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        "select step, input_fingerprint from meta.step_state where step <> 'render' order by step"
    ).fetchall()
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]


def _step_is_current(con: duckdb.DuckDBPyConnection, step: str, fingerprint: str) -> bool:
    row = con.execute("select input_fingerprint from meta.step_state where step = $s", {"s": step}).fetchone()
    return bool(row and row[0] == fingerprint)


def _record_step(con: duckdb.DuckDBPyConnection, step: str, fingerprint: str, summary: dict[str, Any]) -> None:
    con.execute(
        "insert or replace into meta.step_state values ($s, $f, $at, $summary)",
        {"s": step, "f": fingerprint, "at": datetime.now(), "summary": json.dumps(summary, default=str)},
    )


def rebuild(mode: str = "full", refit_landscape: bool = False, settings: Settings | None = None) -> dict[str, Any]:
    """Manual rebuild: every step regardless of fingerprints, or only the site."""
    s = _settings(settings)
    if mode == "render_only":
        return {"render": render_and_publish(s, force=True)}
    if mode != "full":
        raise PatentNavError(f"unknown rebuild mode {mode!r}; use full or render_only")
    report: dict[str, Any] = {"finalize": finalize_and_check(s)}
    # A full rebuild also refits what nightly runs only extend: the text model is retrained on today's labels,
    # topics are re-clustered (their ids may change) and communities start cold. Refitting the map moves every
    # document, so it is never automatic: only refit_landscape asks for it.
    options: dict[str, dict[str, Any]] = {
        "industries": {"retrain": True},
        "topics_and_landscape": {"recluster": True, **({"refit": True} if refit_landscape else {})},
        "networks": {"warm_start": False},
    }
    report["steps"] = [run_step(step.name, s, force=True, options=options.get(step.name)) for step in available_steps()]
    report["render"] = render_and_publish(s, force=True)
    return report
