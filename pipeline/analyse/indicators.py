"""片区 × industry × year indicators (mart.zone_industry_year), district intensity (mart.zone_indicator),
early-warning signals (mart.signal), and the scope membership and applicant names every page reads
(mart.scope_member, mart.patent_applicant, mart.applicant), so that render only reads marts.

Inputs other engineers produce (enrich.patent_zone, enrich.patent_industry, …) may not exist yet: each is bound
to a temporary view that is the real table, a fallback (raw parties for applicant entities) or an empty one with
the same columns, so the marts always build and simply grow as enrichment lands.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import count_rows, table_exists, transaction
from pipeline.settings import Settings
from pipeline.sql import run_sql

# Scopes in mart.zone_industry_year: the three 片区, Chongqing outside the FTZ, all Chongqing, all data.
ZONE_CODES = ("CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG")
SCOPE_CODES = (*ZONE_CODES, "CQ-OTHER", "CQ", "ALL")

# Temporary input view name -> the enrich table it reads when present.
INPUTS = {
    "patent_zone": ("enrich", "patent_zone"),
    "patent_industry": ("enrich", "patent_industry"),
    "patent_applicant": ("enrich", "patent_applicant"),
    "applicant_entity": ("enrich", "applicant_entity"),
    "patent_topic": ("enrich", "patent_topic"),
    "topic": ("enrich", "topic"),
}


def bind_inputs(con: duckdb.DuckDBPyConnection) -> dict[str, bool]:
    """Create the ind_* temp views over the enrich tables (or empty stand-ins); return which were real."""
    from pipeline.sql import list_sql

    available = set(list_sql("marts"))
    present = {}
    for name, (schema, table) in INPUTS.items():
        present[name] = table_exists(con, f"{schema}.{table}")
        fallback = f"marts/indicators_input_{name}_fallback"
        if present[name]:
            run_sql(con, f"marts/indicators_input_{name}")
        elif fallback in available:
            run_sql(con, fallback)  # e.g. raw parties until applicant entities land
        else:
            run_sql(con, f"marts/indicators_input_{name}_empty")
    return present


def read_population(path: Path) -> list[dict[str, Any]]:
    """Rows of population.csv that parse; a missing file or bad rows yield fewer rows, never an error."""
    if not path.exists():
        return []
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for raw in csv.DictReader(handle):
            try:
                population = float(str(raw.get("population") or "").replace(",", ""))
                year = int(str(raw.get("year") or "0").strip() or 0) or None
            except ValueError:
                continue
            code = str(raw.get("district_code") or "").strip()
            if code and population > 0:
                rows.append({"district_code": code, "district_name_zh": (raw.get("district_name_zh") or "").strip(),
                             "population_year": year, "population": population})
    return rows


def load_population(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    run_sql(con, "marts/indicators_population_create")
    rows = read_population(path)
    for row in rows:
        run_sql(con, "marts/indicators_population_insert", row)
    return len(rows)


def build_members(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Patent facts and scope membership at both thresholds (mart.scope_member), applicants and their names."""
    run_sql(con, "marts/indicators_patent_fact")
    run_sql(con, "marts/indicators_scope_patent",
            {"headline": settings.headline_threshold, "sensitivity": settings.sensitivity_threshold})
    run_sql(con, "marts/scope_member")
    run_sql(con, "marts/patent_applicant")
    run_sql(con, "marts/applicant")


def run_indicators(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Step: rebuild mart.zone_industry_year, mart.zone_indicator and mart.signal in one transaction."""
    from pipeline.warehouse.schema import apply_comments

    started = time.monotonic()
    with transaction(con):
        present = bind_inputs(con)
        population_rows = load_population(con, settings.reference_dir / "population.csv")
        build_members(con, settings)
        run_sql(con, "marts/indicators_zone_industry_year")
        run_sql(con, "marts/indicators_zone_indicator")
        run_sql(con, "marts/signal_window")
        run_sql(con, "marts/signal_build")
        apply_comments(con)
    return {
        "zone_industry_year_rows": count_rows(con, "mart.zone_industry_year"),
        "zone_indicator_rows": count_rows(con, "mart.zone_indicator"),
        "signal_rows": count_rows(con, "mart.signal"),
        "scope_member_rows": count_rows(con, "mart.scope_member"),
        "population_rows": population_rows,
        "inputs_missing": sorted(name for name, ok in present.items() if not ok),
        "seconds": round(time.monotonic() - started, 2),
    }
