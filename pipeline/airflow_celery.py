"""A production-shaped Airflow stack on one machine: PostgreSQL metadata, Redis broker, CeleryExecutor workers.

`patentnav nightly` runs the DAG in-process (SQLite, `dag.test()`); this module runs the same DAG the way a
deployment does: an api-server (the Task Execution API the workers report to), a scheduler, a dag-processor and
N `airflow celery worker` processes, each with one slot, so mapped per-file tasks really run in parallel on
separate workers. PostgreSQL and Redis are throw-away servers from pipeline/airflow_services.py.

Like airflow_local.py, this drives the `airflow` command in subprocesses and never imports airflow. It knows no
step names: it runs whatever `patentnav_nightly` is and reads the run back from the metadata database.

    python -m pipeline.airflow_celery --workers 2 --sample      # the sample inbox into the configured warehouse
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.airflow_local import WRITER_POOL, airflow_command, airflow_environment
from pipeline.airflow_services import ScratchPostgres, ScratchRedis, free_port, spawn, stop_group, tail
from pipeline.errors import PatentNavError
from pipeline.settings import Settings, load_settings

WORKER_NAME_VARIABLE = "PATENTNAV_WORKER_NAME"
DAG_ID = "patentnav_nightly"
FINISHED_STATES = {"success", "failed"}


def worker_hostname() -> str:
    """Airflow's `hostname_callable` for the workers: several workers on one machine need distinct names, or
    every task instance would record the same host and nobody could tell which worker ran it."""
    return os.environ.get(WORKER_NAME_VARIABLE) or socket.getfqdn()


@dataclass(frozen=True)
class TaskRun:
    """One task instance of the run as the metadata database recorded it."""

    task_id: str
    map_index: int
    state: str
    hostname: str
    started: datetime | None
    ended: datetime | None

    @property
    def name(self) -> str:
        return f"{self.task_id}[{self.map_index}]" if self.map_index >= 0 else self.task_id

    @property
    def seconds(self) -> float:
        return (self.ended - self.started).total_seconds() if self.started and self.ended else 0.0


@dataclass
class DagRunResult:
    run_id: str
    state: str
    wall_seconds: float  # trigger to the run's end, as the caller saw it
    tasks: list[TaskRun] = field(default_factory=list)

    def span_seconds(self, task_ids: set[str] | None = None) -> float:
        """First start to last end of the given tasks (all when None): the wall time of that phase."""
        chosen = [t for t in self.tasks if (task_ids is None or t.task_id in task_ids) and t.started and t.ended]
        if not chosen:
            return 0.0
        return (max(t.ended for t in chosen if t.ended) - min(t.started for t in chosen if t.started)).total_seconds()

    def per_file_seconds(self) -> float:
        from pipeline.steps import steps_of_kind

        return self.span_seconds({step.name for step in steps_of_kind("per_file")})

    def hosts(self) -> set[str]:
        return {t.hostname for t in self.tasks if t.hostname}

    def not_successful(self) -> dict[str, str]:
        return {t.name: t.state for t in self.tasks if t.state not in ("success", "skipped")}

    def summary(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "state": self.state,
            "wall_seconds": round(self.wall_seconds, 1),
            "per_file_seconds": round(self.per_file_seconds(), 1),
            "hosts": sorted(self.hosts()),
            "tasks": [
                {"task": t.name, "state": t.state, "host": t.hostname, "seconds": round(t.seconds, 2)}
                for t in sorted(self.tasks, key=lambda t: (t.started or datetime.max.astimezone(), t.name))
            ],
        }


class CeleryStack:
    """Start with `with CeleryStack(settings, workers=2) as stack: stack.run_dag()`; leaving the block (also by
    an exception or Ctrl-C) stops every process and removes the throw-away folder."""

    def __init__(self, settings: Settings, workers: int = 2, *, scratch: Path | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.settings = settings
        self.workers = workers
        self._own_scratch = scratch is None
        self.root = Path(tempfile.mkdtemp(prefix="patentnav-celery-")) if scratch is None else scratch
        self.root.mkdir(parents=True, exist_ok=True)
        self.logs = self.root / "logs"
        self.logs.mkdir(exist_ok=True)
        self.postgres = ScratchPostgres(self.root / "postgres", self.logs)
        self.redis = ScratchRedis(self.root / "redis", self.logs)
        self.api_port = free_port()
        self._processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.env: dict[str, str] = {}

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def __enter__(self) -> CeleryStack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.postgres.start()
        self.redis.start()
        self.env = self._airflow_env()
        self._airflow(["db", "migrate"])
        self._airflow(["pools", "set", WRITER_POOL, "1", "PatentNav: one DuckDB writer at a time"])
        self._spawn("api-server", [airflow_command(), "api-server", "--host", "127.0.0.1", "--port",
                                   str(self.api_port), "--workers", "1"], self.env)
        self._spawn("dag-processor", [airflow_command(), "dag-processor"], self.env)
        self._spawn("scheduler", [airflow_command(), "scheduler"], self.env)
        for number in range(1, self.workers + 1):
            name = f"worker{number}"
            # --skip-serve-logs: the log server binds one fixed port, so a second worker on the same machine
            # would fail; the logs are on the shared disk anyway.
            self._spawn(name, [airflow_command(), "celery", "worker", "--concurrency", "1",
                               "--celery-hostname", f"{name}@%h", "--skip-serve-logs",
                               "--without-gossip", "--without-mingle"],
                        {**self.env, WORKER_NAME_VARIABLE: f"{name}@{socket.gethostname()}"})
        self._wait_for_api()

    def stop(self) -> None:
        for _, process in reversed(self._processes):
            stop_group(process)
        self._processes.clear()
        self.redis.stop()
        self.postgres.stop()
        if self._own_scratch:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def database_url(self) -> str:
        return self.postgres.url

    def _airflow_env(self) -> dict[str, str]:
        # the Airflow home holds only generated files here (the metadata is in PostgreSQL): keep it in scratch
        env = airflow_environment(replace(self.settings, airflow_home=self.root / "airflow"))
        jwt_secret = secrets.token_urlsafe(48)
        env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__CORE__PARALLELISM": str(max(2, self.workers)),
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": self.database_url,
                "AIRFLOW__CELERY__BROKER_URL": self.redis.url,
                "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{self.database_url}",
                "AIRFLOW__CELERY__SYNC_PARALLELISM": "1",
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{self.api_port}/execution/",
                # every component must sign and verify task tokens with the same secret
                "AIRFLOW__API_AUTH__JWT_SECRET": jwt_secret,
                "AIRFLOW__API__SECRET_KEY": jwt_secret,
                "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "pipeline.airflow_celery.worker_hostname",
                # only the run we trigger: the nightly cron would otherwise start a run of its own at once
                "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
                "AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES": "1",
                "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(self.logs / "tasks"),
            }
        )
        return env

    # -- processes ---------------------------------------------------------------------------------------------

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self._processes.append((name, spawn(args, env, self.logs / f"{name}.log")))

    def _check_alive(self) -> None:
        for name, process in self._processes:
            if process.poll() is not None:
                raise PatentNavError(f"{name} exited with {process.returncode}\n" + tail(self.logs / f"{name}.log"))

    def _airflow(self, args: list[str]) -> str:
        completed = subprocess.run([airflow_command(), *args], env=self.env, capture_output=True, text=True,
                                   check=False)
        with open(self.logs / "airflow-cli.log", "a", encoding="utf-8") as log:
            log.write(f"$ airflow {' '.join(args)}\n{completed.stdout}{completed.stderr}\n")
        if completed.returncode != 0:
            raise PatentNavError(f"`airflow {' '.join(args)}` failed (exit {completed.returncode})\n"
                                 + "\n".join(completed.stderr.splitlines()[-30:]))
        return completed.stdout

    def _wait_for_api(self, timeout: float = 180) -> None:
        url = f"http://127.0.0.1:{self.api_port}/api/v2/monitor/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive()
            with contextlib.suppress(urllib.error.URLError, OSError), urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
            time.sleep(1)
        raise PatentNavError(f"api-server not healthy after {timeout:.0f} s\n" + tail(self.logs / "api-server.log"))

    # -- the run -----------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _database(self) -> Iterator[Any]:
        import psycopg2

        con = psycopg2.connect(host="127.0.0.1", port=self.postgres.port, user="airflow", dbname="airflow")
        con.autocommit = True
        try:
            yield con
        finally:
            con.close()

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._database() as con, con.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def run_dag(self, dag_id: str = DAG_ID, *, timeout: float = 1800) -> DagRunResult:
        """Trigger one run once the dag-processor has serialised the DAG; wait until it succeeds or fails."""
        deadline = time.monotonic() + timeout
        while not self._query("select 1 from serialized_dag where dag_id = %s", (dag_id,)):
            self._check_alive()
            if time.monotonic() > deadline:
                raise PatentNavError(f"{dag_id} was never parsed\n" + tail(self.logs / "dag-processor.log"))
            time.sleep(1)
        run_id = f"celery__{datetime.now().strftime('%Y%m%dT%H%M%S')}_{secrets.token_hex(3)}"
        started = time.monotonic()
        self._airflow(["dags", "trigger", dag_id, "--run-id", run_id])
        state = ""
        while True:
            rows = self._query("select state from dag_run where dag_id = %s and run_id = %s", (dag_id, run_id))
            state = str(rows[0][0]) if rows else ""
            if state in FINISHED_STATES:
                break
            self._check_alive()
            if time.monotonic() > deadline:
                raise PatentNavError(f"{dag_id} run {run_id} still {state or 'missing'} after {timeout:.0f} s; "
                                     f"logs in {self.logs}")
            time.sleep(1)
        result = DagRunResult(run_id, state, time.monotonic() - started)
        for task_id, map_index, task_state, hostname, start, end in self._query(
            "select task_id, map_index, state, hostname, start_date, end_date from task_instance "
            "where dag_id = %s and run_id = %s", (dag_id, run_id)):
            result.tasks.append(TaskRun(task_id, int(map_index), str(task_state), hostname or "", start, end))
        return result

    def task_log(self, task: TaskRun, run_id: str, dag_id: str = DAG_ID) -> str:
        folder = self.logs / "tasks" / f"dag_id={dag_id}" / f"run_id={run_id}" / f"task_id={task.task_id}"
        if task.map_index >= 0:
            folder = folder / f"map_index={task.map_index}"
        return "\n".join(tail(path, 60) for path in sorted(folder.glob("attempt=*.log")))


def run_on_celery(settings: Settings, workers: int = 2, *, timeout: float = 1800) -> DagRunResult:
    """Start the stack, run the nightly DAG once over the inbox, stop the stack; fail naming bad tasks."""
    with CeleryStack(settings, workers) as stack:
        result = stack.run_dag(timeout=timeout)
        bad = result.not_successful()
        if result.state != "success" or bad:
            logs = "\n".join(f"--- {task.name}\n{stack.task_log(task, result.run_id)}"
                             for task in result.tasks if task.name in bad)
            raise PatentNavError(f"run {result.run_id} ended {result.state}; not successful: {bad}\n{logs}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the nightly DAG once on a local CeleryExecutor stack.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", action="store_true", help="copy data/sample/ into the inbox first")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.sample:
        from pipeline.run import stage_sample_inbox

        stage_sample_inbox(settings)
    try:
        result = run_on_celery(settings, args.workers, timeout=args.timeout)
    except PatentNavError as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(result.summary(), indent=1, ensure_ascii=False))
    print(f"site: {settings.site_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
