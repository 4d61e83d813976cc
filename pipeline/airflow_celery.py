"""A production-shaped Airflow stack on one machine: PostgreSQL metadata, Redis broker, CeleryExecutor workers.

`patentnav nightly` runs the DAG in-process (SQLite, `dag.test()`); this module runs the same DAG the way a
deployment does: an api-server (the Task Execution API the workers report to), a scheduler, a dag-processor and
N `airflow celery worker` processes, each with one slot, so mapped per-file tasks really run in parallel on
separate workers. PostgreSQL and Redis are the Debian packages (`bash tasks.sh celery` and `test-celery` install
them), started in a throw-away folder on free ports and stopped again; nothing is installed as a system service.

Like airflow_local.py, this drives the `airflow` command in subprocesses and never imports airflow. It knows no
step names: it runs whatever `patentnav_nightly` is and reads the run back from the metadata database.

    python -m pipeline.airflow_celery --workers 2 --sample      # the sample inbox into the configured warehouse
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import json
import os
import pwd
import secrets
import shutil
import signal
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
from typing import IO, Any

from pipeline.airflow_local import WRITER_POOL, airflow_command, airflow_environment
from pipeline.errors import PatentNavError
from pipeline.settings import Settings, load_settings

WORKER_NAME_VARIABLE = "PATENTNAV_WORKER_NAME"
DAG_ID = "patentnav_nightly"
FINISHED_STATES = {"success", "failed"}


def worker_hostname() -> str:
    """Airflow's `hostname_callable` for the workers: several workers on one machine need distinct names, or
    every task instance would record the same host and nobody could tell which worker ran it."""
    return os.environ.get(WORKER_NAME_VARIABLE) or socket.getfqdn()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_bin_dir() -> Path:
    """The newest Debian PostgreSQL server binaries (initdb and pg_ctl are not on PATH on Debian)."""

    def major(path: Path) -> float:
        try:
            return float(path.parent.name)
        except ValueError:
            return 0.0

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=major)
    if not candidates:
        raise PatentNavError("no PostgreSQL server under /usr/lib/postgresql: apt-get install postgresql "
                             "(bash tasks.sh celery does)")
    return candidates[-1].parent


def redis_server_binary() -> str:
    found = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else "")
    if not found:
        raise PatentNavError("no redis-server: apt-get install redis-server (bash tasks.sh celery does)")
    return found


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
        self.pg_bin = postgres_bin_dir()
        self.pg_dir = self.root / "postgres"
        self.pg_port = free_port()
        self.redis_port = free_port()
        self.api_port = free_port()
        self._processes: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = []
        self._postgres_started = False
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
        self._start_postgres()
        self._start_redis()
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
        for name, process, log in reversed(self._processes):
            _stop_group(process, name)
            log.close()
        self._processes.clear()
        if self._postgres_started:
            with contextlib.suppress(subprocess.SubprocessError, OSError):
                self._as_postgres([str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_dir / "data"), "-m", "fast",
                                   "-w", "-t", "30", "stop"], check=False)
            self._postgres_started = False
        if self._own_scratch:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- services ----------------------------------------------------------------------------------------------

    def _as_postgres(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        # PostgreSQL refuses to run as root; the Debian package's `postgres` account owns the data folder then.
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        with open(self.logs / "postgres-admin.log", "ab") as log:
            completed = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, check=False)
        if check and completed.returncode != 0:
            raise PatentNavError(f"`{' '.join(args)}` failed (exit {completed.returncode}); "
                                 f"see {self.logs / 'postgres-admin.log'}\n" + _tail(self.logs / "postgres-admin.log"))
        return completed

    def _start_postgres(self) -> None:
        self.pg_dir.mkdir()
        if os.geteuid() == 0:
            # the postgres account must reach its folder through the scratch folder mkdtemp made private
            self.root.chmod(0o755)
            uid, gid = pwd.getpwnam("postgres").pw_uid, grp.getgrnam("postgres").gr_gid
            os.chown(self.pg_dir, uid, gid)
        self._as_postgres([str(self.pg_bin / "initdb"), "-D", str(self.pg_dir / "data"), "-U", "airflow",
                           "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        # A scratch database: durability settings off, because a crash only loses a test run.
        options = (f"-p {self.pg_port} -k {self.pg_dir} -c listen_addresses=127.0.0.1 -c max_connections=200 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._as_postgres([str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_dir / "data"), "-l",
                           str(self.pg_dir / "server.log"), "-o", options, "-w", "-t", "60", "start"])
        self._postgres_started = True
        created = subprocess.run([str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p",
                                  str(self.pg_port), "-U", "airflow", "airflow"], capture_output=True, check=False)
        if created.returncode != 0:
            raise PatentNavError(f"createdb failed: {created.stderr.decode(errors='replace')}")

    def _start_redis(self) -> None:
        redis_dir = self.root / "redis"
        redis_dir.mkdir()
        # No persistence: the broker only carries this run's task messages.
        self._spawn("redis", [redis_server_binary(), "--port", str(self.redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(redis_dir)], dict(os.environ))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.redis_port), 1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.2)
        raise PatentNavError("redis-server did not answer PING within 30 s\n" + _tail(self.logs / "redis.log"))

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg2://airflow@127.0.0.1:{self.pg_port}/airflow"

    def _airflow_env(self) -> dict[str, str]:
        # the Airflow home holds only generated files here (the metadata is in PostgreSQL): keep it in scratch
        env = airflow_environment(replace(self.settings, airflow_home=self.root / "airflow"))
        jwt_secret = secrets.token_urlsafe(48)
        env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__CORE__PARALLELISM": str(max(2, self.workers)),
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": self.database_url,
                "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
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
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        # own session: stop() signals the whole process group (celery and the api-server fork children)
        process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._processes.append((name, process, log))

    def _check_alive(self) -> None:
        for name, process, _ in self._processes:
            if process.poll() is not None:
                raise PatentNavError(f"{name} exited with {process.returncode}\n" + _tail(self.logs / f"{name}.log"))

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
        raise PatentNavError(f"api-server not healthy after {timeout:.0f} s\n" + _tail(self.logs / "api-server.log"))

    # -- the run -----------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _database(self) -> Iterator[Any]:
        import psycopg2

        con = psycopg2.connect(host="127.0.0.1", port=self.pg_port, user="airflow", dbname="airflow")
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
                raise PatentNavError(f"{dag_id} was never parsed\n" + _tail(self.logs / "dag-processor.log"))
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
        return "\n".join(_tail(path, 60) for path in sorted(folder.glob("attempt=*.log")))


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path})"


def _stop_group(process: subprocess.Popen[bytes], name: str, grace: float = 20) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    # children that outlived their leader (task supervisors) are still in the group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


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
