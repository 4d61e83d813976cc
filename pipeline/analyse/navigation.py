"""专利导航 analyses the Chongqing plans ask for, as marts: high-value invention patents and the per-10k
indicators (mart.high_value_*), specialisation and white space (mart.zone_specialisation), the tech–efficacy
matrix (mart.patent_efficacy, mart.tech_efficacy_cell) and IP operations (mart.ip_operation).

Reference files (data/reference/, analyst-editable) are read into temp views nav_ref_*; a missing file is an
empty view with the same columns, so the marts still build and say what could not be evaluated.
"""

from __future__ import annotations

import csv
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline.db import count_rows, transaction
from pipeline.settings import Settings
from pipeline.sql import fetch_int, run_sql

# view name -> (file under data/reference/, its columns)
REFERENCES = {
    "nav_ref_legal_vocabulary": ("cn_legal_vocabulary.csv", ("kind", "vendor_term", "our_term")),
    "nav_ref_sei_ipc": ("sei_ipc_concordance.csv", ("sei_code", "sei_name_zh", "ipc_prefix")),
    "nav_ref_awards": ("patent_awards.csv", ("patent_number", "award_zh", "award_en", "award_year")),
    "nav_ref_wipo": ("wipo_ipc_technology.csv", ("field_number", "field_zh", "field_en", "sector_zh", "sector_en",
                                                  "ipc_subclass", "ipc_main_group")),
    "nav_ref_efficacy": ("efficacy_vocabulary.csv", ("efficacy_code", "name_zh", "name_en", "terms_zh", "terms_en")),
    "nav_ref_national": ("national_reference.csv", ("indicator", "name_zh", "name_en", "value", "unit", "as_of",
                                                    "source")),
}
LEADING_APPLICANTS = 5  # per 片区: each gets a dossier page


def read_reference(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    """The named columns of a reference CSV as strings ('' for blanks); no file means no rows."""
    rows: list[dict[str, str]] = []
    if path.exists():
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for raw in csv.DictReader(handle):
                rows.append({column: (raw.get(column) or "").strip() for column in columns})
    return pl.DataFrame(rows, schema={column: pl.String for column in columns})


def bind_references(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> dict[str, int]:
    counts = {}
    for view, (file_name, columns) in REFERENCES.items():
        frame = read_reference(reference_dir / file_name, columns)
        con.register(view, frame)
        counts[file_name] = frame.height
    return counts


def bind_patent_sei(con: duckdb.DuckDBPyConnection) -> None:
    """nav_patent_sei: the adopted SEI labels (enrich.patent_sei), or no rows when the industries step has not
    built them (criterion 1 is then met by nobody and says so)."""
    from pipeline.db import table_exists

    run_sql(con, "marts/navigation_patent_sei" if table_exists(con, "enrich.patent_sei")
            else "marts/navigation_patent_sei_empty")


def build_high_value(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    from pipeline.enrich.sei import CONCORDANCE_VERSION

    bind_patent_sei(con)
    run_sql(con, "marts/navigation_invention", {"as_of": as_of})
    run_sql(con, "marts/navigation_high_value_patent", {"as_of": as_of})
    run_sql(con, "marts/navigation_high_value_indicator")
    run_sql(con, "marts/navigation_high_value_criterion", {"concordance_version": CONCORDANCE_VERSION})
    run_sql(con, "marts/navigation_high_value_reference", {"concordance_version": CONCORDANCE_VERSION})


def build_specialisation(con: duckdb.DuckDBPyConnection, as_of: date, min_bench: int = 5) -> int:
    """RTA per 片区 and field against CQ and ALL; growth over the last three complete filing years against the
    three before (the newest year is left out: publication lags filing by 18 months)."""
    last_year = int(run_sql(con, "marts/navigation_last_year", {"as_of": as_of}).fetchall()[0][0])
    run_sql(con, "marts/navigation_patent_field")
    run_sql(con, "marts/navigation_zone_specialisation", {"last_year": last_year, "min_bench": min_bench})
    return last_year


def run_navigation(con: duckdb.DuckDBPyConnection, settings: Settings, as_of: date | None = None) -> dict[str, Any]:
    """Step: rebuild the navigation marts in one transaction (after the indicators step)."""
    from pipeline.analyse.indicators import bind_inputs, load_population
    from pipeline.analyse.navigation_efficacy import build_efficacy
    from pipeline.analyse.navigation_operations import build_operations
    from pipeline.warehouse.schema import apply_comments

    started = time.monotonic()
    as_of = as_of or date.today()
    with transaction(con):
        bind_inputs(con)
        load_population(con, settings.reference_dir / "population.csv")
        run_sql(con, "marts/indicators_patent_fact")
        references = bind_references(con, settings.reference_dir)
        build_high_value(con, as_of)
        last_year = build_specialisation(con, as_of)
        texts_extracted = build_efficacy(
            con, read_reference(settings.reference_dir / REFERENCES["nav_ref_efficacy"][0],
                                REFERENCES["nav_ref_efficacy"][1]))
        run_sql(con, "marts/navigation_leading_applicant", {"top_n": LEADING_APPLICANTS})
        operations = build_operations(con)
        apply_comments(con)
    return {
        "high_value_patent_rows": count_rows(con, "mart.high_value_patent"),
        "high_value_rows": fetch_int(run_sql(con, "marts/navigation_high_value_count")),
        "specialisation_rows": count_rows(con, "mart.zone_specialisation"),
        "patent_efficacy_rows": count_rows(con, "mart.patent_efficacy"),
        "texts_extracted": texts_extracted,
        "tech_efficacy_cells": count_rows(con, "mart.tech_efficacy_cell"),
        "leading_applicants": count_rows(con, "mart.leading_applicant"),
        **operations,
        "growth_last_year": last_year,
        "references": references,
        "seconds": round(time.monotonic() - started, 2),
    }
