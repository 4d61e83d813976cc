"""Tech–efficacy matrix (技术功效矩阵): efficacies extracted from each patent's abstract and first claim
(navigation_efficacy_text), the matrix of technology branches × efficacies per page scope with candidate 空白点,
and agreement with incoPat's own 技术功效 annotation."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.analyse.navigation_efficacy_text import extract_efficacies, parse_vocabulary, vendor_efficacies
from pipeline.sql import read_sql, run_sql

MAX_BRANCHES = 10  # technology branches (rows) per matrix


def found_efficacies(texts: pl.DataFrame, vocabulary_rows: list[dict[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(ours, vendor): ours = first statement per patent and efficacy, fields in the order given; vendor = the
    incoPat phrases' efficacies per patent (efficacy_code null for a patent whose phrases map to none)."""
    vocabulary = parse_vocabulary(vocabulary_rows)
    ours: dict[tuple[str, str], dict[str, str]] = {}
    vendor_phrases: dict[str, list[str]] = {}
    for patent_id, source_field, body in texts.iter_rows():
        if source_field.startswith("vendor:"):
            vendor_phrases.setdefault(patent_id, []).append(body)
            continue
        for statement in extract_efficacies(body, vocabulary):
            key = (patent_id, str(statement.efficacy_code))
            ours.setdefault(key, {"patent_id": patent_id, "efficacy_code": str(statement.efficacy_code),
                                  "source_field": source_field, "cue": statement.cue,
                                  "object_text": statement.object_text})
    vendor_rows: list[dict[str, str | None]] = []
    for patent_id, phrases in vendor_phrases.items():
        codes = sorted(vendor_efficacies(phrases, vocabulary))
        vendor_rows += [{"patent_id": patent_id, "efficacy_code": code} for code in codes] or [
            {"patent_id": patent_id, "efficacy_code": None}]
    ours_schema = {c: pl.String for c in ("patent_id", "efficacy_code", "source_field", "cue", "object_text")}
    vendor_schema = {"patent_id": pl.String, "efficacy_code": pl.String}
    return pl.DataFrame(list(ours.values()), schema=ours_schema), pl.DataFrame(vendor_rows, schema=vendor_schema)


def build_efficacy(con: duckdb.DuckDBPyConnection, vocabulary: pl.DataFrame) -> None:
    """mart.patent_efficacy, mart.tech_efficacy_cell, mart.efficacy_agreement (needs the nav_ref_* and ind_*
    views bound)."""
    texts = pl.from_arrow(con.sql(read_sql("marts/navigation_efficacy_text")).to_arrow_table())
    assert isinstance(texts, pl.DataFrame)
    ours, vendor = found_efficacies(texts, vocabulary.to_dicts())
    con.register("nav_found_efficacy", ours)
    con.register("nav_vendor_efficacy", vendor)
    run_sql(con, "marts/navigation_patent_efficacy")
    run_sql(con, "marts/navigation_tech_efficacy_cell", {"max_branches": MAX_BRANCHES})
    run_sql(con, "marts/navigation_efficacy_agreement")
