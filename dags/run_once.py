"""Run one DAG once in-process with `dag.test()` and exit non-zero naming any task that did not succeed.

Used by `patentnav nightly` (the README's main command) and the DAG tests. `--no-retries` turns retries off for
this one run so a failure is reported at once instead of after the production back-off. Listed in
.airflowignore: it is a runner, not a DAG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dag_id")
    parser.add_argument("--no-retries", action="store_true")
    args = parser.parse_args(argv)

    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(Path(__file__).parent))
    if bag.import_errors:
        for path, error in bag.import_errors.items():
            print(f"import error in {path}: {error}", file=sys.stderr)
        return 2
    dag = bag.dags[args.dag_id]
    if args.no_retries:
        for task in dag.tasks:
            task.retries = 0
    run = dag.test()
    states = {
        f"{ti.task_id}[{ti.map_index}]" if ti.map_index >= 0 else ti.task_id: str(ti.state)
        for ti in run.get_task_instances()
    }
    bad = {name: state for name, state in states.items() if not state.endswith(("success", "skipped"))}
    print(f"dag run {run.run_id}: {len(states)} task instances, state {run.state}")
    if bad:
        print("tasks not successful: " + ", ".join(f"{n}={s}" for n, s in sorted(bad.items())), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
