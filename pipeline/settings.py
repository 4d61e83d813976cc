"""The one place that reads the environment and builds absolute paths."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _sql_dir() -> Path:
    # In a checkout sql/ sits beside the package; in a wheel it is bundled as pipeline/_sql.
    bundled = Path(__file__).resolve().parent / "_sql"
    return bundled if bundled.is_dir() else PROJECT_ROOT / "sql"


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    inbox: Path
    output: Path
    data_dir: Path = field(default=PROJECT_ROOT / "data")
    sql_dir: Path = field(default_factory=_sql_dir)
    airflow_home: Path = field(default=PROJECT_ROOT / "data" / "airflow")
    headline_threshold: float = 0.6
    sensitivity_threshold: float = 0.3
    report_pdf: bool = False  # render also prints each 片区's report PDF (PATENTNAV_REPORT_PDF; on for the CLI/DAG)

    @property
    def reference_dir(self) -> Path:
        return self.data_dir / "reference"

    @property
    def sample_dir(self) -> Path:
        return self.data_dir / "sample"

    @property
    def model_dir(self) -> Path:
        return self.warehouse.parent / "models"

    @property
    def site_dir(self) -> Path:
        return self.output / "site"

    @property
    def dags_dir(self) -> Path:
        return PROJECT_ROOT / "dags"

    @property
    def lock_path(self) -> Path:
        return self.warehouse.with_name(self.warehouse.name + ".lock")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from PATENTNAV_* variables, falling back to the repository defaults."""
    env = dict(os.environ) if env is None else env

    def path_from(name: str, default: Path) -> Path:
        raw = env.get(name)
        return Path(raw).expanduser().resolve() if raw else default

    return Settings(
        warehouse=path_from("PATENTNAV_WAREHOUSE", PROJECT_ROOT / "data" / "warehouse.duckdb"),
        inbox=path_from("PATENTNAV_INBOX", PROJECT_ROOT / "data" / "inbox"),
        output=path_from("PATENTNAV_OUTPUT", PROJECT_ROOT / "output"),
        airflow_home=path_from("PATENTNAV_AIRFLOW_HOME", PROJECT_ROOT / "data" / "airflow"),
        report_pdf=env.get("PATENTNAV_REPORT_PDF", "1").strip().lower() not in {"0", "false", "no", "off"},
    )
