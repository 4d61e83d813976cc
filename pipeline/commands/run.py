"""`patentnav run`, `patentnav nightly`, `patentnav rebuild`: the whole pipeline."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        force: Annotated[bool, typer.Option(help="Re-run every step even if its inputs are unchanged.")] = False,
        sample: Annotated[bool, typer.Option(help="Copy data/sample/ into the inbox first.")] = False,
        workers: Annotated[int, typer.Option(help="Processes reading new files into artifacts at once.")] = 1,
    ) -> None:
        """Run the nightly steps in-process, without Airflow (same functions, same order)."""
        from pipeline.run import run_all, stage_sample_inbox
        from pipeline.settings import load_settings

        settings = load_settings()
        if sample:
            stage_sample_inbox(settings)
        report = run_all(settings, force=force, stage_workers=workers)
        typer.echo(json.dumps(_brief(report), ensure_ascii=False, indent=2, default=str))
        console.print(f"Site: {settings.site_dir / 'index.html'}")

    @app.command()
    def nightly(
        no_sample: Annotated[
            bool, typer.Option("--no-sample", help="Do not copy data/sample/ into the inbox.")
        ] = False,
    ) -> None:
        """Main job: stage the bundled samples, then run the Airflow nightly DAG once (local SQLite Airflow)."""
        from pipeline.airflow_local import run_dag_once
        from pipeline.run import stage_sample_inbox
        from pipeline.settings import load_settings

        settings = load_settings()
        if not no_sample:
            staged = stage_sample_inbox(settings)
            console.print(f"inbox {staged['inbox']}: {staged['copied']} sample file(s) staged")
        console.print(
            f"running the patentnav_nightly DAG once with Airflow (log: {settings.airflow_home / 'nightly.log'}) …"
        )
        run_dag_once(settings)
        from pipeline.warehouse.status import warehouse_status

        tables = warehouse_status(settings.warehouse)["tables"]
        console.print(f"warehouse {settings.warehouse}: {tables.get('core.patent', 0):,} patents")
        console.print(f"[bold]Open the site:[/bold] {settings.site_dir / 'index.html'}")

    @app.command()
    def rebuild(
        mode: Annotated[str, typer.Option(help="full or render_only")] = "full",
        refit_landscape: Annotated[bool, typer.Option(help="Refit the landscape from scratch.")] = False,
    ) -> None:
        """Rebuild enrichment, analytics and the site regardless of what changed."""
        from pipeline.run import rebuild as rebuild_all

        report = rebuild_all(mode=mode, refit_landscape=refit_landscape)
        typer.echo(json.dumps(_brief(report), ensure_ascii=False, indent=2, default=str))


def _brief(report: dict[str, Any]) -> dict[str, Any]:
    brief = dict(report)
    if "stage" in brief:
        staged = [f for r in brief["stage"] for f in r.get("files", [])]
        brief["stage"] = {"staged": sum(not f["reused"] for f in staged), "reused": sum(f["reused"] for f in staged)}
    if "ingest" in brief:
        files = brief["ingest"]["files"]
        brief["ingest"] = {
            "loaded": sum(f["status"] == "loaded" for f in files),
            "failed": [f"{f['path']}: {f.get('message')}" for f in files if f["status"] == "failed"],
        }
    return brief
