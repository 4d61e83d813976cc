"""
### PatentNav rebuild (manual)

Triggered by hand with params:
- `mode`: `full` re-runs every step even if its inputs look unchanged (after a code or reference-data fix);
  `render_only` re-renders the site from the warehouse as it is.
- `refit_landscape`: refit the 2-D landscape from scratch (moves every document; the nightly run never does).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from airflow.sdk import Param, dag, task

WRITER_POOL = "patentnav_duckdb_writer"

DEFAULT_ARGS = {
    "owner": "patentnav",
    "retries": 1,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
}


@dag(
    dag_id="patentnav_rebuild",
    schedule=None,
    start_date=datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["patentnav", "manual"],
    doc_md=__doc__,
    params={
        "mode": Param("full", enum=["full", "render_only"], description="What to rebuild."),
        "refit_landscape": Param(False, type="boolean", description="Refit the landscape from scratch."),
    },
)
def patentnav_rebuild() -> None:
    @task(pool=WRITER_POOL)
    def rebuild(params: dict[str, Any] | None = None) -> dict[str, Any]:
        from pipeline.run import rebuild

        params = params or {}
        return rebuild(mode=str(params.get("mode", "full")), refit_landscape=bool(params.get("refit_landscape")))

    rebuild()


patentnav_rebuild()
