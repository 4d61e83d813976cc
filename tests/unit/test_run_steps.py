"""The runner skips a step whose inputs are unchanged, re-runs it when a file arrives, and reports bad files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import pipeline.run as run_module
from pipeline import sources
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


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "adapters", lambda: [ToyAdapter()])
    step = InlineStep("count", "pipeline.normalize:unused", "counts patents")
    monkeypatch.setattr(run_module, "ENRICH_AND_ANALYSE", (step,))
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
    assert run_module.finalize_and_check(settings)["skipped"] is True
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


def test_every_check_prefix_a_step_declares_is_applied(monkeypatch):
    import types

    module = types.SimpleNamespace(CHECK_PREFIXES=("enrich_patent_zone", "enrich_patent_location"))
    monkeypatch.setitem(__import__("sys").modules, "fake_step_module", module)
    prefixes = run_module._check_prefix(Step("x", "fake_step_module:f", "doc"))
    assert "enrich_patent_zone_one_row".startswith(prefixes)
    assert "enrich_patent_location_confidence_range".startswith(prefixes)
    assert not "core_patent_required_fields".startswith(prefixes)
