"""Run the nightly DAG once with a local Airflow home (embedded defaults: SQLite metadata, no servers).

This module drives the `airflow` command in a subprocess; it does not import airflow, so the pipeline package
stays free of it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.errors import PatentNavError
from pipeline.settings import Settings

WRITER_POOL = "patentnav_duckdb_writer"


def airflow_environment(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a local, quiet, 2-core-sized Airflow (values documented in README)."""
    env = dict(os.environ if base is None else base)
    home = settings.airflow_home
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(settings.dags_dir),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__PARALLELISM": "2",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Asia/Shanghai",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            "PATENTNAV_WAREHOUSE": str(settings.warehouse),
            "PATENTNAV_INBOX": str(settings.inbox),
            "PATENTNAV_OUTPUT": str(settings.output),
            "PATENTNAV_AIRFLOW_HOME": str(home),
        }
    )
    return env


def airflow_command() -> str:
    candidate = Path(sys.executable).with_name("airflow")
    return str(candidate) if candidate.exists() else "airflow"


def _run(args: list[str], env: dict[str, str], log_path: Path) -> None:
    with open(log_path, "a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(args)}\n")
        log.flush()
        completed = subprocess.run(args, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    if completed.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        raise PatentNavError(
            f"`{' '.join(args[1:])}` failed (exit {completed.returncode}); full log: {log_path}\n" + "\n".join(tail)
        )


def prepare_airflow(settings: Settings) -> tuple[dict[str, str], Path]:
    """Migrate the metadata DB and create the writer pool (both idempotent)."""
    settings.airflow_home.mkdir(parents=True, exist_ok=True)
    env = airflow_environment(settings)
    log_path = settings.airflow_home / "nightly.log"
    airflow = airflow_command()
    _run([airflow, "db", "migrate"], env, log_path)
    _run([airflow, "pools", "set", WRITER_POOL, "1", "PatentNav: one DuckDB writer at a time"], env, log_path)
    return env, log_path


def run_dag_once(settings: Settings, dag_id: str = "patentnav_nightly", *, retries: bool = False) -> Path:
    """One full run of the DAG in-process (`dag.test()`), failing loudly if any task did not succeed."""
    env, log_path = prepare_airflow(settings)
    runner = [sys.executable, str(settings.dags_dir / "run_once.py"), dag_id]
    _run(runner if retries else [*runner, "--no-retries"], env, log_path)
    return log_path
