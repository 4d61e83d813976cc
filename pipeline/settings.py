"""The one place that reads the environment and builds absolute paths."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DuckDBConfig = dict[str, str | bool | int | float | list[str]]  # duckdb.connect(config=...)


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
    # DuckDB's memory_limit and threads for every warehouse connection (0 threads: one per core), and the memory
    # each staging process may hold before it spills (several stage at once: W workers take W times this).
    duckdb_memory_limit: str = "16GB"
    duckdb_threads: int = 0
    staging_memory_limit: str = "2GB"
    # processes that score texts with the industry model on a full build (0: one per core); nights score a few
    # thousand new texts in-process either way
    predict_workers: int = 0

    def duckdb_config(self, *, staging: bool = False) -> DuckDBConfig:
        """The config every DuckDB connection of the pipeline opens with (duckdb.connect(..., config=...))."""
        config: DuckDBConfig = {
            "memory_limit": self.staging_memory_limit if staging else self.duckdb_memory_limit}
        if self.duckdb_threads > 0:
            config["threads"] = self.duckdb_threads
        return config

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
        duckdb_memory_limit=env.get("PATENTNAV_DUCKDB_MEMORY", "").strip() or "16GB",
        duckdb_threads=int(env.get("PATENTNAV_DUCKDB_THREADS", "").strip() or 0),
        staging_memory_limit=env.get("PATENTNAV_STAGING_MEMORY", "").strip() or "2GB",
        predict_workers=int(env.get("PATENTNAV_PREDICT_WORKERS", "").strip() or 0),
    )
