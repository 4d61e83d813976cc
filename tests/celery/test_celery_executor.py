"""The nightly DAG on the CeleryExecutor (PostgreSQL metadata, Redis broker, two workers) builds the same
warehouse as `patentnav run` over the same inbox.

Needs the Debian `postgresql` and `redis-server` packages (`bash tasks.sh test-celery` installs them); marked
`celery` and left out of the default run because it starts a whole Airflow deployment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from pipeline.airflow_celery import CeleryStack, DagRunResult
from pipeline.run import stage_sample_inbox
from pipeline.settings import Settings, load_settings
from pipeline.warehouse.fingerprint import differing_tables, table_checksums

pytestmark = [pytest.mark.celery, pytest.mark.slow]

WORKERS = 2


def settings_in(root: Path) -> Settings:
    return Settings(warehouse=root / "warehouse.duckdb", inbox=root / "inbox", output=root / "output",
                    data_dir=load_settings({}).data_dir, airflow_home=root / "airflow")


def checksums(warehouse: Path) -> dict[str, tuple[int, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return table_checksums(con)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Iterator[tuple[Settings, subprocess.Popen[bytes]]]:
    """`patentnav run --sample` into its own folder, started first so that it runs while the stack starts and
    the DAG runs: the DAG's tasks mostly wait on one another, so the two builds share the 2 cores well."""
    settings = settings_in(tmp_path_factory.mktemp("run"))
    env = {**os.environ, "PATENTNAV_WAREHOUSE": str(settings.warehouse), "PATENTNAV_INBOX": str(settings.inbox),
           "PATENTNAV_OUTPUT": str(settings.output)}
    log = open(settings.warehouse.with_name("run.log"), "wb")  # noqa: SIM115 - closed in the finalizer
    process = subprocess.Popen([str(Path(sys.executable).with_name("patentnav")), "run", "--sample"], env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    yield settings, process
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()


@pytest.fixture(scope="module")
def stack(reference, tmp_path_factory) -> Iterator[CeleryStack]:
    settings = settings_in(tmp_path_factory.mktemp("celery"))
    stage_sample_inbox(settings)
    with CeleryStack(settings, workers=WORKERS) as started:  # stops every process and postgres on the way out
        yield started


@pytest.fixture(scope="module")
def celery_run(stack: CeleryStack) -> DagRunResult:
    return stack.run_dag(timeout=600)


def test_dag_run_succeeds_on_two_workers(stack: CeleryStack, celery_run: DagRunResult):
    print(json.dumps(celery_run.summary(), indent=1, ensure_ascii=False))  # shown with -rP: who ran what, how long
    bad = celery_run.not_successful()
    logs = "\n".join(f"--- {task.name}\n{stack.task_log(task, celery_run.run_id)}"
                     for task in celery_run.tasks if task.name in bad)
    assert celery_run.state == "success" and not bad, f"{celery_run.state}: {bad}\n{logs}"
    # every task ran on one of our workers, and each worker ran some
    assert {host.split("@")[0] for host in celery_run.hosts()} == {f"worker{n}" for n in range(1, WORKERS + 1)}, \
        celery_run.summary()


def test_celery_warehouse_equals_patentnav_run(reference, stack: CeleryStack, celery_run: DagRunResult):
    settings, process = reference
    assert process.wait(timeout=600) == 0, settings.warehouse.with_name("run.log").read_text(errors="replace")
    assert celery_run.state == "success"
    expected, built = checksums(settings.warehouse), checksums(stack.settings.warehouse)
    assert expected["core.patent"][0] > 1000
    assert differing_tables(expected, built) == []
