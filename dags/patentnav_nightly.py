"""
### PatentNav nightly (专利导航 nightly refresh)

Runs at 02:00 Asia/Shanghai. Picks up new or changed files in the inbox (manifest diff by content hash),
loads each one (one mapped task per file; DuckDB writes go one at a time through the `patentnav_duckdb_writer`
pool), checks the data, then refreshes applicants and 片区 attribution, industries, topics and the landscape
(new documents are placed without moving earlier ones), citation networks and indicators, and publishes the
site atomically. Steps whose inputs did not change are skipped and say so in their logs, so a night without
new files changes nothing.

Safe to re-run, retry and clear: every step is idempotent. A file that cannot be read is recorded in the
manifest and quarantine; the run still publishes and then fails at `finish` naming the file.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from airflow.sdk import dag, task

WRITER_POOL = "patentnav_duckdb_writer"

DEFAULT_ARGS = {
    "owner": "patentnav",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


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
    @task
    def discover_new_files() -> list[str]:
        from pipeline.run import discover_new_files

        return discover_new_files()

    @task(pool=WRITER_POOL)
    def ingest_file(path: str) -> dict[str, Any]:
        from pipeline.run import ingest_file

        return ingest_file(path)

    @task(pool=WRITER_POOL, trigger_rule="none_failed")
    def check_core() -> dict[str, Any]:
        from pipeline.run import finalize_and_check

        return finalize_and_check()

    @task(pool=WRITER_POOL)
    def applicants_and_zones() -> dict[str, Any]:
        from pipeline.run import run_step

        return run_step("applicants_and_zones")

    @task(pool=WRITER_POOL)
    def industries() -> dict[str, Any]:
        from pipeline.run import run_step

        return run_step("industries")

    @task(pool=WRITER_POOL)
    def topics_and_landscape() -> dict[str, Any]:
        from pipeline.run import run_step

        return run_step("topics_and_landscape")

    @task(pool=WRITER_POOL)
    def networks() -> dict[str, Any]:
        from pipeline.run import run_step

        return run_step("networks")

    @task(pool=WRITER_POOL)
    def indicators() -> dict[str, Any]:
        from pipeline.run import run_step

        return run_step("indicators")

    @task(pool=WRITER_POOL)
    def render_and_publish() -> dict[str, Any]:
        from pipeline.run import render_and_publish

        return render_and_publish()

    @task(trigger_rule="none_failed_min_one_success")
    def finish() -> dict[str, Any]:
        from pipeline.run import finish_run

        return finish_run()

    loaded = ingest_file.expand(path=discover_new_files())
    checked = check_core()
    loaded >> checked
    published = render_and_publish()
    (
        checked
        >> applicants_and_zones()
        >> industries()
        >> topics_and_landscape()
        >> networks()
        >> indicators()
        >> published
    )
    published >> finish()


patentnav_nightly()
