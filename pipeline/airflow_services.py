"""Throw-away PostgreSQL and Redis servers for the CeleryExecutor stack (pipeline/airflow_celery.py).

Both are the Debian packages (`bash tasks.sh celery` installs them), run from a scratch folder on free loopback
ports, never as the packaged system services, and stopped again by whoever started them.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from pipeline.errors import PatentNavError


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no {path})"


def spawn(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "ab") as log:
        # own session: stop_group() signals the whole process group (celery and the api-server fork children)
        return subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop_group(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    # children that outlived their leader (task supervisors) are still in the group
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def postgres_bin_dir() -> Path:
    """The newest Debian PostgreSQL server binaries (initdb and pg_ctl are not on PATH on Debian)."""

    def major(path: Path) -> float:
        try:
            return float(path.parent.parent.name)
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


class ScratchPostgres:
    """A PostgreSQL cluster in `folder` with a trusted superuser `airflow` and a database `airflow`."""

    def __init__(self, folder: Path, log_dir: Path) -> None:
        self.folder = folder
        self.admin_log = log_dir / "postgres-admin.log"
        self.bin = postgres_bin_dir()
        self.port = free_port()
        self.running = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://airflow@127.0.0.1:{self.port}/airflow"

    def _as_postgres(self, args: list[str], *, check: bool = True) -> None:
        # PostgreSQL refuses to run as root; the Debian package's `postgres` account owns the folder then.
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        with open(self.admin_log, "ab") as log:
            completed = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, check=False)
        if check and completed.returncode != 0:
            raise PatentNavError(f"`{' '.join(args)}` failed (exit {completed.returncode}); see {self.admin_log}\n"
                                 + tail(self.admin_log))

    def start(self) -> None:
        self.folder.mkdir()
        if os.geteuid() == 0:
            # the postgres account must reach its folder through a parent that mkdtemp made private
            self.folder.parent.chmod(0o755)
            os.chown(self.folder, pwd.getpwnam("postgres").pw_uid, grp.getgrnam("postgres").gr_gid)
        data = str(self.folder / "data")
        self._as_postgres([str(self.bin / "initdb"), "-D", data, "-U", "airflow", "-A", "trust", "-E", "UTF8",
                           "--no-locale", "--no-sync"])
        # A scratch database: durability off, because a crash only loses a test run.
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._as_postgres([str(self.bin / "pg_ctl"), "-D", data, "-l", str(self.folder / "server.log"),
                           "-o", options, "-w", "-t", "60", "start"])
        self.running = True
        created = subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                                  "-U", "airflow", "airflow"], capture_output=True, check=False)
        if created.returncode != 0:
            raise PatentNavError(f"createdb failed: {created.stderr.decode(errors='replace')}")

    def stop(self) -> None:
        if self.running:
            with contextlib.suppress(PatentNavError, OSError):
                self._as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                                   "-w", "-t", "30", "stop"], check=False)
            self.running = False


class ScratchRedis:
    """redis-server on a free port without persistence: the broker only carries one run's task messages."""

    def __init__(self, folder: Path, log_dir: Path) -> None:
        self.folder = folder
        self.log = log_dir / "redis.log"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 30) -> None:
        self.folder.mkdir()
        self.process = spawn([redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
                             dict(os.environ), self.log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.2)
        raise PatentNavError(f"redis-server did not answer PING within {timeout:.0f} s\n" + tail(self.log))

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
            self.process = None
