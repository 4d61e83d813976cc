"""The pipeline's steps in their one order, shared by `patentnav run` and the Airflow DAGs.

Every step is a plain function `step(con, settings) -> dict` (a small JSON-able summary) living in the module
that owns the logic. Neither the CLI nor the DAG holds logic: they call these by name.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.settings import Settings

StepFunction = Callable[..., dict[str, Any]]  # (con, settings, **options) -> small JSON-able summary


@dataclass(frozen=True)
class Step:
    name: str
    target: str  # "module:function"
    doc: str

    def load(self) -> StepFunction:
        module_name, function_name = self.target.split(":")
        function: StepFunction = getattr(importlib.import_module(module_name), function_name)
        return function


# After ingest and checks, in dependency order (each reads only what earlier steps wrote).
ENRICH_AND_ANALYSE: tuple[Step, ...] = (
    Step(
        "applicants_and_zones",
        "pipeline.enrich.geo:run_geo_enrichment",
        "Normalise applicants into entities and attribute each patent to a 片区 with confidence.",
    ),
    Step(
        "industries",
        "pipeline.enrich.industry:run_industry_enrichment",
        "Label industries from classification codes (concordance) and from text (model).",
    ),
    Step(
        "topics_and_landscape",
        "pipeline.enrich.topics:run_topics",
        "Topics per industry and stable 2-D landscape coordinates (incremental placement).",
    ),
    Step(
        "networks",
        "pipeline.analyse.citations:run_networks",
        "Citation metrics, main paths, communities, applicant flows, collaboration network.",
    ),
    Step(
        "indicators",
        "pipeline.analyse.indicators:run_indicators",
        "片区 x industry x year indicators and early-warning signals.",
    ),
)


def step_version(step: Step, settings: Settings | None = None) -> str:
    """Code and reference-data version of a step: its module's source plus any reference files it declares.

    A step module may define REFERENCE_FILES (paths relative to data/reference/) so that an analyst's edit of
    the gazetteer or taxonomy re-runs the step the next night.
    """
    from pipeline.settings import load_settings

    module = importlib.import_module(step.target.split(":")[0])
    digest = hashlib.sha256()
    source = getattr(module, "__file__", None)
    if source:
        with open(source, "rb") as handle:
            digest.update(handle.read())
    reference_dir = (settings or load_settings()).reference_dir
    for relative in getattr(module, "REFERENCE_FILES", ()):
        path = reference_dir / relative
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
