"""The runner skips a step whose inputs are unchanged, re-runs it when a file arrives, and reports bad files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import pipeline.run as run_module
from pipeline import sources
from pipeline import steps as steps_module
from pipeline.errors import PatentNavError
from pipeline.settings import Settings
from pipeline.steps import Step

from .test_ingest_manifest import ToyAdapter, write

CALLS: list[str] = []


def count_patents(con, settings):
    CALLS.append("count")
    (n,) = con.execute("select count(*) from core.patent").fetchone()
    return {"patents": n}


@dataclass(frozen=True)
class InlineStep(Step):
    def load(self):
        return count_patents


def with_only_step(step: Step) -> tuple[Step, ...]:
    """The real registry with its enrichment/analysis steps replaced by one test step."""
    before = [s for s in steps_module.PIPELINE if s.kind in ("discover", "per_file", "merge", "gate")]
    after = [s for s in steps_module.PIPELINE if s.kind in ("render", "finish")]
    return (*before, step, *after)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "adapters", lambda: [ToyAdapter()])
    step = InlineStep("count", "pipeline.normalize:unused", "counts patents", checks=("core_patent_required",))
    monkeypatch.setattr(steps_module, "PIPELINE", with_only_step(step))
    CALLS.clear()
    (tmp_path / "inbox").mkdir()
    return Settings(
        warehouse=tmp_path / "w.duckdb", inbox=tmp_path / "inbox", output=tmp_path / "out", data_dir=tmp_path / "data"
    )


def ingest_inbox(settings: Settings) -> list[dict]:
    return [run_module.ingest_file(p, settings) for p in run_module.discover_new_files(settings)]


def test_a_step_runs_once_per_change_of_its_inputs(settings):
    write(settings.inbox / "a.txt", "#toy lens", "US1111111B1|One|ACME|")
    ingest_inbox(settings)
    run_module.finalize_and_check(settings)
    assert run_module.run_step("count", settings)["patents"] == 1
    assert run_module.discover_new_files(settings) == []
    quiet = run_module.finalize_and_check(settings)
    assert quiet == {"skipped": True, "checks": "passed on this data before"}, "a quiet night re-runs no core check"
    assert run_module.run_step("count", settings) == {"step": "count", "skipped": True}
    assert CALLS == ["count"]

    write(settings.inbox / "b.txt", "#toy lens", "US2222222B1|Two|ACME|")
    assert [Path(p).name for p in run_module.discover_new_files(settings)] == ["b.txt"]
    ingest_inbox(settings)
    assert run_module.finalize_and_check(settings)["skipped"] is False
    assert run_module.run_step("count", settings)["patents"] == 2
    assert run_module.run_step("count", settings, force=True)["skipped"] is False
    assert CALLS == ["count", "count", "count"]


def test_finish_names_files_that_could_not_be_loaded(settings):
    write(settings.inbox / "good.txt", "#toy lens", "US1111111B1|One|ACME|")
    assert run_module.finish_run(settings) == {"failed_files": 0}
    write(settings.inbox / "bad.txt", "#toy BOOM", "US2222222B1|Two|ACME|")
    results = ingest_inbox(settings)
    statuses = sorted(f["status"] for r in results for f in r["files"])
    assert statuses == ["failed", "loaded"]
    with pytest.raises(PatentNavError, match=r"1 file\(s\) could not be loaded .*bad\.txt: toy reader gave up"):
        run_module.finish_run(settings)
    # Once the file is fixed and loads, the night is green again.
    write(settings.inbox / "bad.txt", "#toy lens", "US2222222B1|Two|ACME|")
    ingest_inbox(settings)
    assert run_module.finish_run(settings) == {"failed_files": 0}


def test_unknown_step_is_a_clear_error(settings):
    with pytest.raises(PatentNavError, match="unknown step 'nope'"):
        run_module.run_step("nope", settings)


def test_stage_sample_inbox_copies_once(settings, tmp_path):
    sample = settings.sample_dir
    (sample / "lens").mkdir(parents=True)
    write(sample / "lens" / "x.txt", "#toy lens", "US1111111B1|One|ACME|")
    write(sample / "PROVENANCE.md", "not data")
    assert run_module.stage_sample_inbox(settings)["copied"] == 1
    assert run_module.stage_sample_inbox(settings)["copied"] == 0
    assert not (settings.inbox / "PROVENANCE.md").exists()


def test_a_step_runs_the_checks_it_declares(settings, monkeypatch):
    import pipeline.warehouse.checks as checks_module

    applied: list[tuple[str, ...]] = []
    real = checks_module.assert_checks_pass

    def recording(con, prefix=""):
        applied.append(prefix)
        return real(con, prefix)

    monkeypatch.setattr(checks_module, "assert_checks_pass", recording)
    write(settings.inbox / "a.txt", "#toy lens", "US1111111B1|One|ACME|")
    ingest_inbox(settings)
    run_module.run_step("count", settings)
    assert applied == [("core_patent_required",)]


def test_a_gate_or_render_step_is_not_run_as_an_enrichment_step(settings):
    with pytest.raises(PatentNavError, match="check_core is a gate step"):
        run_module.run_step("check_core", settings)


def test_a_step_code_version_covers_its_layer_modules_sql_and_render_templates(tmp_path):
    from pipeline.steps import code_files

    for relative in ("pipeline/analyse/navigation.py", "pipeline/analyse/navigation_operations.py",
                     "sql/marts/navigation_ip_operation.sql", "sql/enrich/geo_zone.sql",
                     "pipeline/render/site.py", "pipeline/render/templates/page.html", "sql/site/trend.sql"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x", encoding="utf-8")
    names = {p.relative_to(tmp_path).as_posix() for p in code_files("pipeline.analyse.navigation", tmp_path)}
    # a helper module and a SQL file of the layer count; another layer's SQL does not
    assert names == {"pipeline/analyse/navigation.py", "pipeline/analyse/navigation_operations.py",
                     "sql/marts/navigation_ip_operation.sql"}
    render = {p.relative_to(tmp_path).as_posix() for p in code_files("pipeline.render", tmp_path)}
    assert render == {"pipeline/render/site.py", "pipeline/render/templates/page.html", "sql/site/trend.sql"}


def test_editing_a_layer_sql_file_changes_the_step_version(settings, monkeypatch, tmp_path):
    import pipeline.settings as settings_module
    from pipeline.steps import step_version

    root = tmp_path / "project"
    sql_file = root / "sql" / "marts" / "navigation_x.sql"
    sql_file.parent.mkdir(parents=True)
    (root / "pipeline" / "analyse").mkdir(parents=True)
    (root / "pipeline" / "analyse" / "navigation.py").write_text("code", encoding="utf-8")
    sql_file.write_text("select 1", encoding="utf-8")
    monkeypatch.setattr(settings_module, "PROJECT_ROOT", root)
    step = Step("navigation", "pipeline.analyse.navigation:run_navigation", "doc")
    before = step_version(step, settings)
    sql_file.write_text("select 2", encoding="utf-8")
    assert step_version(step, settings) != before
