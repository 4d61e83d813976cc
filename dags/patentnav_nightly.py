"""
### PatentNav nightly (专利导航 nightly refresh)

Runs at 02:00 Asia/Shanghai. Picks up new or changed files in the inbox (manifest diff by content hash),
reads each one into an immutable Parquet artifact (one mapped task per file, in parallel: no warehouse write),
merges the artifacts into the warehouse (the single writer; DuckDB writes go one at a time through the
`patentnav_duckdb_writer` pool), checks the data, then refreshes applicants and 片区 attribution, industries,
topics and the landscape (new documents are placed without moving earlier ones), citation networks and
indicators, and publishes the site atomically. Steps whose inputs did not change are skipped and say so in
their logs, so a night without new files changes nothing.

Safe to re-run, retry and clear: every step is idempotent. A file that cannot be read is recorded in the
manifest and quarantine; the run still publishes and then fails at `finish` naming the file.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from airflow.sdk import dag, task

from pipeline.steps import PIPELINE, Step

WRITER_POOL = "patentnav_duckdb_writer"

DEFAULT_ARGS = {
    "owner": "patentnav",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


def task_options(step: Step) -> dict[str, Any]:
    options: dict[str, Any] = {"task_id": step.name, "doc_md": step.doc}
    if step.writer:
        options["pool"] = WRITER_POOL
    if step.trigger_rule:
        options["trigger_rule"] = step.trigger_rule
    return options


def make_task(step: Step) -> Any:
    """One Airflow task for a registry step; the body imports the pipeline only when the task runs."""
    if step.kind == "per_file":

        def run_for_file(path: str) -> dict[str, Any]:
            from pipeline.run import stage_file

            return stage_file(path)

        return task(**task_options(step))(run_for_file)
    if step.kind == "step":

        def run_registered_step() -> dict[str, Any]:
            from pipeline.run import run_step

            return run_step(step.name)

        return task(**task_options(step))(run_registered_step)

    def run_phase() -> Any:
        return step.load()()

    return task(**task_options(step))(run_phase)


@dag(
    dag_id="patentnav_nightly",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["patentnav", "nightly"],
    doc_md=__doc__,
)
def patentnav_nightly() -> None:
    # PIPELINE is ordered: discover, the per-file load mapped over what discover found, then each later step
    # downstream of the one before it.
    previous: Any = None
    discovered: Any = None
    for step in PIPELINE:
        if step.kind == "discover":
            discovered = previous = make_task(step)()
        elif step.kind == "per_file":
            previous = make_task(step).expand(path=discovered)
        else:
            current = make_task(step)()
            previous >> current
            previous = current


patentnav_nightly()
