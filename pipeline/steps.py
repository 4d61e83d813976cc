"""The pipeline declared once: every step of a night, in its one order, with what it reads, writes and checks.

The nightly and rebuild DAGs, `patentnav run`/`rebuild`, the CLI commands that run a step (`topics`, `network`,
`report`) and the DAG integrity test all derive from PIPELINE; adding a step is one entry here.

This module is imported when Airflow parses the DAG files, so it holds data only: the standard library and
settings, nothing heavy. Step functions are named as "module:function" and imported when they run.

Kinds of step:
  discover   lists the inbox units to load (read-only)
  per_file   runs once per unit that discover returned (an Airflow mapped task); reads files into Parquet
             artifacts and never writes the warehouse, so these run in parallel (Celery workers, pods)
  merge      the single writer: merges the staged artifacts into core, one transaction per file
  gate       whole-table work after loading, then the core data checks
  step       enrichment or analysis: skipped when its input fingerprint is unchanged, then its checks
  render     writes the site from the warehouse
  finish     turns failures recorded during the run into a red run, after the site is published
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.settings import Settings

StepFunction = Callable[..., dict[str, Any]]  # (con, settings, **options) -> small JSON-able summary


@dataclass(frozen=True)
class Step:
    name: str
    target: str  # "module:function"
    doc: str
    kind: str = "step"
    writes: tuple[str, ...] = ()  # tables the step replaces
    checks: tuple[str, ...] = ()  # sql/checks/<prefix>* run after it; a non-empty result fails it
    reference_files: tuple[str, ...] = ()  # under data/reference/: an analyst's edit re-runs the step
    rebuild_options: dict[str, Any] = field(default_factory=dict)  # what a full rebuild asks for (refits)
    writer: bool = True  # writes the warehouse: one at a time (Airflow pool + file lock)
    trigger_rule: str | None = None  # Airflow trigger rule when not the default

    @property
    def module(self) -> str:
        return self.target.split(":")[0]

    def load(self) -> StepFunction:
        module_name, function_name = self.target.split(":")
        function: StepFunction = getattr(importlib.import_module(module_name), function_name)
        return function


PIPELINE: tuple[Step, ...] = (
    Step("discover_new_files", "pipeline.run:discover_new_files",
         "Inbox units whose content is not loaded yet (manifest diff by content hash).",
         kind="discover", writer=False),
    Step("stage_file", "pipeline.run:stage_file",
         "Read one inbox unit into its immutable Parquet artifact (the raw layer, keyed by sha256); no warehouse "
         "write, so files are read in parallel.",
         kind="per_file", writer=False, writes=("artifacts/<sha256>/",)),
    Step("merge_staged", "pipeline.run:merge_staged",
         "Merge the artifacts of new or changed inbox files into core.*, one transaction per file, in inbox order "
         "(a unit without an artifact is read here).",
         kind="merge", writes=("raw.* (views)", "core.patent", "core.patent_party", "core.classification",
                               "core.citation", "core.ingest_file", "core.quarantine"),
         trigger_rule="all_done"),
    Step("check_core", "pipeline.run:finalize_and_check",
         "Whole-table core steps once per run (party table, citation links), then the core data checks.",
         kind="gate", writes=("core.party", "core.citation"), checks=("core_",), trigger_rule="none_failed"),
    Step("applicants_and_zones", "pipeline.enrich.geo_step:run_geo_enrichment",
         "Normalise applicants into entities and attribute each patent to a 片区 with confidence.",
         writes=("enrich.applicant_entity", "enrich.patent_applicant", "enrich.address_attribution",
                 "enrich.applicant_address", "enrich.district",
                 "enrich.patent_location", "enrich.patent_zone", "enrich.zone"),
         checks=("enrich_patent_location", "enrich_patent_zone", "enrich_applicant"),
         reference_files=("ftz_gazetteer.csv", "cq_places.csv", "cq_postcodes.csv", "applicant_locations.csv")),
    Step("industries", "pipeline.enrich.industry:run_industry_enrichment",
         "Label industries from classification codes (concordance) and from text (model).",
         writes=("enrich.industry", "enrich.patent_industry", "enrich.text_prediction", "enrich.sei_category",
                 "enrich.patent_sei"),
         checks=("enrich_patent_industry", "enrich_patent_sei"),
         reference_files=("industries.csv", "sei_codes.csv", "sei_ipc_concordance_2021.csv", "sei_to_industry.csv",
                          "sei_ipc_concordance.csv"),
         rebuild_options={"retrain": True}),
    Step("topics_and_landscape", "pipeline.enrich.topics:run_topics",
         "Topics per industry and stable 2-D landscape coordinates (incremental placement).",
         writes=("enrich.topic", "enrich.patent_topic", "enrich.landscape_contour", "enrich.landscape_peak"),
         checks=("enrich_topic",), rebuild_options={"recluster": True}),
    Step("networks", "pipeline.analyse.citations:run_networks",
         "Citation metrics, main paths, communities, applicant flows, collaboration network.",
         writes=("mart.patent_citation_metrics", "mart.core_patent", "mart.main_path_edge",
                 "mart.citation_cycle_break", "mart.citation_community", "mart.applicant_citation_flow",
                 "mart.zone_citation_flow", "mart.collaboration_edge"),
         checks=("mart_patent_citation_metrics",), rebuild_options={"warm_start": False}),
    Step("indicators", "pipeline.analyse.indicators:run_indicators",
         "片区 x industry x year indicators, early-warning signals, and the scope membership pages read.",
         writes=("mart.zone_industry_year", "mart.zone_indicator", "mart.signal", "mart.scope_member",
                 "mart.patent_applicant", "mart.applicant"),
         checks=("mart_zone_industry_year", "mart_scope_member"), reference_files=("population.csv",)),
    Step("navigation", "pipeline.analyse.navigation:run_navigation",
         "专利导航 analyses: high-value invention patents and per-10k indicators, specialisation and white space, "
         "tech–efficacy matrix, leading applicants (dossiers), IP operations (transfers, licences, pledges).",
         writes=("mart.high_value_patent", "mart.high_value_indicator", "mart.high_value_criterion",
                 "mart.zone_specialisation", "mart.efficacy_text", "mart.patent_efficacy", "mart.tech_efficacy_cell",
                 "mart.efficacy_agreement", "mart.leading_applicant", "mart.ip_operation",
                 "mart.ip_operation_summary"),
         checks=("mart_high_value", "mart_zone_specialisation", "mart_efficacy_text", "mart_patent_efficacy",
                 "mart_tech_efficacy_cell",
                 "mart_efficacy_agreement", "mart_leading_applicant", "mart_ip_operation"),
         reference_files=("population.csv", "cn_legal_vocabulary.csv", "sei_ipc_concordance.csv",
                          "national_reference.csv", "patent_awards.csv", "wipo_ipc_technology.csv",
                          "efficacy_vocabulary.csv")),
    Step("render_and_publish", "pipeline.run:render_and_publish",
         "Render the offline bilingual site and its exports, then swap it in atomically.", kind="render"),
    Step("finish", "pipeline.run:finish_run",
         "Fail the run (after publishing) naming every inbox file that could not be loaded.",
         kind="finish", writer=False, trigger_rule="none_failed_min_one_success"),
)


def steps_of_kind(kind: str) -> tuple[Step, ...]:
    return tuple(step for step in PIPELINE if step.kind == kind)


def step_named(name: str) -> Step:
    for step in PIPELINE:
        if step.name == name:
            return step
    known = ", ".join(step.name for step in steps_of_kind("step"))
    raise KeyError(f"unknown step {name!r}; known: {known}")


# What a step's code version covers: every module of its layer and the SQL folder that layer runs, so an edit to
# a helper module or to one SQL file re-runs the step the next night (hashing only the step's own module missed
# both). Conservative on purpose: an edit anywhere in a layer re-runs that layer's steps once.
LAYER_SQL = {"enrich": ("enrich",), "analyse": ("marts",), "render": ("site",), "warehouse": ("core", "meta")}


def code_files(module: str, project_root: Path) -> list[Path]:
    """The source files whose content makes a step's (or render's) code version, in a stable order."""
    layer = module.split(".")[1] if module.count(".") >= 1 else module
    package = project_root / "pipeline" / layer
    files = sorted(package.rglob("*.py")) if package.is_dir() \
        else [project_root.joinpath(*module.split(".")).with_suffix(".py")]
    if layer == "render":
        files += sorted((package / "templates").glob("*"))
    for folder in LAYER_SQL.get(layer, ()):
        files += sorted((project_root / "sql" / folder).glob("*.sql"))
    return [path for path in files if path.is_file()]


def step_version(step: Step, settings: Settings) -> str:
    """Code and reference-data version of a step: its layer's modules and SQL plus the reference files it declares."""
    from pipeline.settings import PROJECT_ROOT

    digest = hashlib.sha256()
    for path in code_files(step.module, PROJECT_ROOT):
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    for relative in step.reference_files:
        path = settings.reference_dir / relative
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
