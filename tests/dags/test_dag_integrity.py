"""DagBag integrity: the DAG files import cleanly, fast, and declare retries, owner and tags on every task."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.dag

DAGS_DIR = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_DIR))


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert {"patentnav_nightly", "patentnav_rebuild"} <= set(dagbag.dags)


def test_runner_script_is_not_parsed_as_a_dag(dagbag):
    parsed = {Path(stat.file).name for stat in dagbag.dagbag_stats}
    assert "run_once.py" not in parsed


@pytest.mark.parametrize("dag_id", ["patentnav_nightly", "patentnav_rebuild"])
def test_every_task_has_retries_owner_and_the_dag_tags(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert "patentnav" in dag.tags
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert dag.doc_md
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.owner == "patentnav", task.task_id


def test_nightly_schedule_is_two_am_shanghai(dagbag):
    dag = dagbag.dags["patentnav_nightly"]
    assert dag.timetable.expression == "0 2 * * *"
    assert str(dag.timetable.timezone) == "Asia/Shanghai"


def test_nightly_tasks_are_the_registry_in_its_order(dagbag):
    from pipeline.steps import PIPELINE

    dag = dagbag.dags["patentnav_nightly"]
    assert {t.task_id for t in dag.tasks} == {step.name for step in PIPELINE}
    for upstream, downstream in itertools.pairwise(PIPELINE):
        assert dag.get_task(upstream.name).downstream_task_ids == {downstream.name}, (upstream.name, downstream.name)
    for step in PIPELINE:
        task = dag.get_task(step.name)
        assert (task.pool == "patentnav_duckdb_writer") == step.writer, step.name
        if step.trigger_rule:
            assert task.trigger_rule == step.trigger_rule, step.name


def test_the_registry_orders_the_pipeline_as_a_night_runs():
    from pipeline.steps import PIPELINE

    kinds = [step.kind for step in PIPELINE]
    assert kinds[:4] == ["discover", "per_file", "merge", "gate"]
    assert kinds[-2:] == ["render", "finish"]
    assert set(kinds[4:-2]) == {"step"}
    assert [s.name for s in PIPELINE if s.kind == "step"] == [
        "applicants_and_zones", "industries", "topics_and_landscape", "networks", "indicators", "navigation"]
    # every declared check prefix names at least one check file
    checks = [p.stem for p in (DAGS_DIR.parent / "sql" / "checks").glob("*.sql")]
    for step in PIPELINE:
        for prefix in step.checks:
            assert any(name.startswith(prefix) for name in checks), (step.name, prefix)


def test_dag_file_parses_in_under_two_seconds_without_heavy_imports():
    # The DAG reads the step registry (pipeline.steps: standard library and settings only) and nothing else.
    # A fresh interpreter, so nothing is cached: import airflow first (its own cost is not the DAG's), then time
    # the DAG module alone and confirm it pulled in none of the heavy libraries.
    code = (
        "import time, sys, importlib.util\n"
        "import airflow.sdk\n"
        f"spec = importlib.util.spec_from_file_location('nightly', {str(DAGS_DIR / 'patentnav_nightly.py')!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "start = time.perf_counter(); spec.loader.exec_module(module); took = time.perf_counter() - start\n"
        "names = ('sklearn', 'altair', 'networkx', 'igraph', 'duckdb', 'polars', 'numpy', 'pipeline.run',\n"
        "         'pipeline.sql', 'pipeline.warehouse', 'pipeline.enrich', 'pipeline.analyse', 'pipeline.render')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(took); print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert float(out[0]) < 2.0
    assert out[1] == ""


def test_the_navigation_step_fingerprints_every_reference_file_it_reads():
    from pipeline.analyse.navigation import REFERENCES
    from pipeline.steps import step_named

    declared = set(step_named("navigation").reference_files)
    assert {file_name for file_name, _ in REFERENCES.values()} <= declared
