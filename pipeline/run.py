"""The nightly run as plain functions: the Airflow DAGs and the CLI call these and nothing else.

Which steps exist, in what order, with which checks and reference files, is declared once in
pipeline/steps.py; this module runs them. Every function takes plain arguments (paths as strings, step names)
and returns a small JSON-able dict, so it can be an Airflow task as it stands. Each opens the warehouse itself
and holds the writer lock only while it writes; Airflow additionally serialises writers through a one-slot pool.
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

from pipeline.errors import PatentNavError
from pipeline.settings import Settings, load_settings
from pipeline.sql import run_sql
from pipeline.steps import Step, step_named, step_version, steps_of_kind

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
        if target.exists() and target.stat().st_size == source.stat().st_size and _sha256(source) == _sha256(target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        copied += 1
    return {"inbox": str(s.inbox), "copied": copied}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def discover_new_files(settings: Settings | None = None) -> list[str]:
    """Inbox units whose content is not yet loaded (the manifest diff). Read-only; cheap."""
    from pipeline.db import table_exists
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
            if table_exists(con, "core.ingest_file"):
                loaded = {row[0] for row in run_sql(con, "meta/loaded_file_ids").fetchall()}
            new = [str(u.path) for u in units if content_hash(con, u, record=False)[0][:16] not in loaded]
    log.info("inbox %s: %d units, %d new or changed", s.inbox, len(units), len(new))
    return new


def stage_file(path: str, settings: Settings | None = None) -> dict[str, Any]:
    """Read one inbox unit into its Parquet artifact (reused when this reader staged the same content before).
    Opens no warehouse connection, so any number run at once; a bad file gives a failed manifest, not an error."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.artifacts import artifact_root_for, find_artifact, stage_unit
    from pipeline.warehouse.ingest import hash_unit

    s = _settings(settings)
    root = artifact_root_for(s.warehouse)
    staged: list[dict[str, Any]] = []
    for unit in discover_units([Path(path)]):
        started = time.monotonic()
        sha, size = hash_unit(unit)
        artifact = find_artifact(root, sha)
        reused = artifact is not None and not artifact.failed
        if artifact is None or artifact.failed:
            artifact = stage_unit(unit, root, sha, size)
        staged.append({"path": str(unit.path), "artifact": str(artifact.folder), "status": artifact.status,
                       "reused": reused, "seconds": round(time.monotonic() - started, 3),
                       "reason": artifact.manifest.get("reason")})
    return {"files": staged}


def merge_staged(settings: Settings | None = None) -> dict[str, Any]:
    """The single writer: merge every new or changed inbox unit from its artifact, in inbox order (the same
    order `patentnav run` loads them, so both build the same warehouse). Loaded units are recognised by their
    recorded signature, so only new files are hashed here."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import ingest_units

    s = _settings(settings)
    if not s.inbox.exists():
        return {"files": []}
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        report = ingest_units(con, discover_units([s.inbox]))
    return {"files": [_file_summary(result) for result in report.files
                      if result.status not in ("unchanged", "duplicate")]}


def stage_files(paths: list[str], settings: Settings | None = None, workers: int = 1) -> list[dict[str, Any]]:
    """stage_file for each path, in `workers` processes (what the mapped tasks do on Airflow)."""
    s = _settings(settings)
    if workers <= 1 or len(paths) <= 1:
        return [stage_file(path, s) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(stage_file, paths, [s] * len(paths)))


def ingest_file(path: str, settings: Settings | None = None) -> dict[str, Any]:
    """Load one inbox unit (its artifact if staged, else read now). A file-level failure is recorded in the
    manifest and returned, not raised, so one bad file does not stop the night; `finish_run` turns failures
    into a red run after the site is published."""
    from pipeline.sources import discover_units
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import ingest_units

    s = _settings(settings)
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        report = ingest_units(con, discover_units([Path(path)]))
    return {"files": [_file_summary(result) for result in report.files]}


def _file_summary(result: Any) -> dict[str, Any]:
    if result.status == "failed":
        return {"path": result.path, "status": "failed", "message": result.message}
    return {"path": result.path, "status": result.status, "patents": result.patents_loaded,
            "quarantined": result.quarantined}


def finalize_and_check(settings: Settings | None = None) -> dict[str, Any]:
    """Whole-table core steps once per run, then the core data checks (a violation fails the run)."""
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.connection import open_warehouse
    from pipeline.warehouse.ingest import finalize_core, sign_inbox

    s = _settings(settings)
    gate = steps_of_kind("gate")[0]
    with open_warehouse(s.warehouse, wait_seconds=WRITER_WAIT_SECONDS) as con:
        sign_inbox(con, s.inbox)
        fingerprint = _gate_fingerprint(con, gate, s.sql_dir)
        if _step_is_current(con, gate.name, fingerprint):
            # the same files and the same checks passed on exactly this core last time: nothing to re-check
            log.info("%s: no file loaded or removed and no check changed since they passed; skipped", gate.name)
            return {"skipped": True, "checks": "passed on this data before"}
        finalize_core(con)
        results = assert_checks_pass(con, prefix=gate.checks)
        _record_step(con, gate.name, fingerprint, {"checks": len(results)})
    return {"skipped": False, "checks": len(results)}


def run_step(
    name: str,
    settings: Settings | None = None,
    *,
    force: bool = False,
    options: dict[str, Any] | None = None,
    wait_seconds: float = WRITER_WAIT_SECONDS,
) -> dict[str, Any]:
    """Run one enrichment/analysis step unless its inputs are unchanged since it last succeeded, then its
    declared data checks; record its fingerprint and summary in meta.step_state."""
    from pipeline.warehouse.checks import assert_checks_pass
    from pipeline.warehouse.connection import open_warehouse

    s = _settings(settings)
    step = _enrich_or_analyse_step(name)
    with open_warehouse(s.warehouse, wait_seconds=wait_seconds) as con:
        fingerprint = _step_fingerprint(con, step, s)
        if not force and _step_is_current(con, step.name, fingerprint):
            log.info("%s: inputs unchanged since its last run; skipped (nothing depends on new data)", step.name)
            return {"step": step.name, "skipped": True}
        started = time.monotonic()
        summary = step.load()(con, s, **(options or {}))
        if step.checks:
            assert_checks_pass(con, prefix=step.checks)
        seconds = round(time.monotonic() - started, 2)
        _record_step(con, step.name, fingerprint, {**summary, "seconds": seconds})
    log.info("%s: done in %.1fs: %s", step.name, seconds, summary)
    return {"step": step.name, "skipped": False, "seconds": seconds, **summary}


def render_and_publish(
    settings: Settings | None = None, *, force: bool = False, wait_seconds: float = WRITER_WAIT_SECONDS
) -> dict[str, Any]:
    """Render the site and swap it in atomically (skipped when no step changed the warehouse since)."""
    from pipeline.render.site import render_site
    from pipeline.warehouse.connection import open_warehouse

    s = _settings(settings)
    render = steps_of_kind("render")[0]
    with open_warehouse(s.warehouse, wait_seconds=wait_seconds) as con:
        fingerprint = _all_steps_fingerprint(con)
        if not force and s.site_dir.joinpath("index.html").exists() and _step_is_current(con, render.name,
                                                                                          fingerprint):
            log.info("render: warehouse unchanged since the site was published; skipped")
            return {"skipped": True, "site": str(s.site_dir / "index.html")}
        summary = render_site(con, s)
        _record_step(con, render.name, fingerprint, summary)
    return {"skipped": False, "site": str(s.site_dir / "index.html"), **summary}


def finish_run(settings: Settings | None = None) -> dict[str, Any]:
    """Fail the run (after publishing) if an inbox file could not be read, naming each one and why."""
    s = _settings(settings)
    if not s.warehouse.exists():
        return {"failed_files": 0}
    with duckdb.connect(str(s.warehouse), read_only=True) as con:
        failed = run_sql(con, "meta/failed_files").fetchall()
    failed = [(path, message) for path, message in failed if Path(path).exists()]
    if failed:
        detail = "; ".join(f"{path}: {message}" for path, message in failed)
        raise PatentNavError(f"{len(failed)} file(s) could not be loaded (the rest were): {detail}")
    return {"failed_files": 0}


def run_all(settings: Settings | None = None, *, force: bool = False, stage_workers: int = 1) -> dict[str, Any]:
    """The nightly DAG's steps in the same order, in-process (no scheduler needed); new files are read into
    artifacts by `stage_workers` processes, then merged by this one."""
    s = _settings(settings)
    started = time.monotonic()
    seconds: dict[str, float] = {}

    def timed(phase: str, call: Any) -> Any:
        phase_started = time.monotonic()
        result = call()
        seconds[phase] = round(time.monotonic() - phase_started, 2)
        return result

    new = discover_new_files(s)
    report: dict[str, Any] = {"stage": timed("stage", lambda: stage_files(new, s, workers=stage_workers))}
    report["ingest"] = timed("ingest", lambda: merge_staged(s))
    report["finalize"] = timed("finalize", lambda: finalize_and_check(s))
    report["steps"] = [timed(step.name, lambda step=step: run_step(step.name, s, force=force))
                       for step in available_steps()]
    report["render"] = timed("render", lambda: render_and_publish(s, force=force))
    report["finish"] = finish_run(s)
    report["phase_seconds"] = seconds
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def rebuild(mode: str = "full", refit_landscape: bool = False, settings: Settings | None = None) -> dict[str, Any]:
    """Manual rebuild: every step regardless of fingerprints, or only the site.

    A full rebuild also refits what nightly runs only extend (each step's rebuild_options in the registry: the
    text model is retrained, topics re-clustered, communities start cold). Refitting the map moves every
    document, so it is never automatic: only refit_landscape asks for it."""
    s = _settings(settings)
    if mode == "render_only":
        return {"render": render_and_publish(s, force=True)}
    if mode != "full":
        raise PatentNavError(f"unknown rebuild mode {mode!r}; use full or render_only")
    report: dict[str, Any] = {"finalize": finalize_and_check(s)}
    steps = []
    for step in available_steps():
        options = dict(step.rebuild_options)
        if refit_landscape and step.name == "topics_and_landscape":
            options["refit"] = True
        steps.append(run_step(step.name, s, force=True, options=options or None))
    report["steps"] = steps
    report["render"] = render_and_publish(s, force=True)
    return report


def available_steps() -> list[Step]:
    return list(steps_of_kind("step"))


def _enrich_or_analyse_step(name: str) -> Step:
    try:
        step = step_named(name)
    except KeyError as exc:
        raise PatentNavError(str(exc.args[0])) from exc
    if step.kind != "step":
        raise PatentNavError(f"{name} is a {step.kind} step, not an enrichment or analysis step")
    return step


def _loaded_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    rows = run_sql(con, "meta/loaded_file_ids").fetchall()
    return hashlib.sha256(("|".join(r[0] for r in rows) + CODE_VERSION).encode()).hexdigest()[:16]


def _gate_fingerprint(con: duckdb.DuckDBPyConnection, gate: Step, sql_dir: Path) -> str:
    """The core gate's inputs: the loaded files and the text of its checks (an edited or new check runs again)."""
    digest = hashlib.sha256(_loaded_fingerprint(con).encode())
    for prefix in gate.checks:
        for path in sorted((sql_dir / "checks").glob(f"{prefix}*.sql")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _step_fingerprint(con: duckdb.DuckDBPyConnection, step: Step, settings: Settings) -> str:
    """A step's inputs: the loaded files, the steps before it, and its reference data and code version."""
    parts = [_loaded_fingerprint(con), step_version(step, settings)]
    for earlier in available_steps():
        if earlier.name == step.name:
            break
        row = run_sql(con, "meta/step_state_fingerprint", {"step": earlier.name}).fetchone()
        parts.append(row[0] if row else "never")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _all_steps_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the site depends on: every step's input fingerprint and the render code (sections, SQL, templates),
    so a render-only change re-renders the next night."""
    from pipeline.settings import PROJECT_ROOT
    from pipeline.steps import code_files

    rows = run_sql(con, "meta/step_state_all").fetchall()
    digest = hashlib.sha256(json.dumps(rows).encode())
    for path in code_files("pipeline.render", PROJECT_ROOT):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _step_is_current(con: duckdb.DuckDBPyConnection, step: str, fingerprint: str) -> bool:
    row = run_sql(con, "meta/step_state_fingerprint", {"step": step}).fetchone()
    return bool(row and row[0] == fingerprint)


def _record_step(con: duckdb.DuckDBPyConnection, step: str, fingerprint: str, summary: dict[str, Any]) -> None:
    run_sql(con, "meta/step_state_record", {"step": step, "fingerprint": fingerprint, "at": datetime.now(),
                                            "summary": json.dumps(summary, default=str)})
