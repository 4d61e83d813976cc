"""Tech–efficacy matrix (技术功效矩阵): efficacies extracted from each patent's abstract and first claim
(navigation_efficacy_text; once per distinct text and extractor version, cached in mart.efficacy_text), the
matrix of technology branches × efficacies per page scope with candidate 空白点,
and agreement with incoPat's own 技术功效 annotation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline.analyse.navigation_efficacy_text import (
    classify_object,
    extract_efficacies,
    parse_vocabulary,
    vendor_efficacies,
)
from pipeline.sql import run_sql

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


def extractor_version(vocabulary_rows: list[dict[str, str]]) -> str:
    """The cache key beside each text's hash: the extraction code and the vocabulary it matches against."""
    from pipeline.analyse import navigation_efficacy_text

    digest = hashlib.sha256(Path(navigation_efficacy_text.__file__).read_bytes())
    digest.update(json.dumps(vocabulary_rows, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:16]


def extract_new_texts(con: duckdb.DuckDBPyConnection, vocabulary_rows: list[dict[str, str]], version: str) -> int:
    """Extract the texts mart.efficacy_text lacks under this version (a phrase: its one efficacy; a text: its
    statements, first per efficacy, in text order; a marker row with no efficacy when none); returns how many."""
    import pyarrow as pa

    run_sql(con, "marts/efficacy_text_create")
    run_sql(con, "marts/efficacy_text_prune", {"extractor_version": version}).fetchall()
    missing = run_sql(con, "marts/efficacy_text_missing", {"extractor_version": version}).fetchall()
    if not missing:
        return 0
    vocabulary = parse_vocabulary(vocabulary_rows)
    rows: dict[str, list[Any]] = {"text_hash": [], "ordinal": [], "efficacy_code": [], "cue": [], "object_text": []}

    def add(text_hash: str, ordinal: int, code: str | None, cue: str | None, obj: str | None) -> None:
        for column, value in zip(rows, (text_hash, ordinal, code, cue, obj), strict=True):
            rows[column].append(value)

    for text_hash, is_phrase, body in missing:
        if is_phrase:
            add(text_hash, 0, classify_object(body, vocabulary), None, None)
            continue
        statements = extract_efficacies(body, vocabulary)
        for ordinal, statement in enumerate(statements):
            add(text_hash, ordinal, statement.efficacy_code, statement.cue, statement.object_text)
        if not statements:
            add(text_hash, 0, None, None, None)
    batch = pa.table(rows, schema=pa.schema([("text_hash", pa.string()), ("ordinal", pa.int32()),
                                             ("efficacy_code", pa.string()), ("cue", pa.string()),
                                             ("object_text", pa.string())]))
    con.register("_new_efficacy_text", batch)
    try:
        run_sql(con, "marts/efficacy_text_insert", {"extractor_version": version}).fetchall()
    finally:
        con.unregister("_new_efficacy_text")
    return len(missing)


def build_efficacy(con: duckdb.DuckDBPyConnection, vocabulary: pl.DataFrame) -> int:
    """mart.patent_efficacy, mart.tech_efficacy_cell, mart.efficacy_agreement (needs the nav_ref_* and ind_*
    views bound). Texts are extracted once per text and extractor version (mart.efficacy_text); returns how many
    texts this run extracted."""
    vocabulary_rows = vocabulary.to_dicts()
    version = extractor_version(vocabulary_rows)
    run_sql(con, "marts/navigation_efficacy_text")
    extracted = extract_new_texts(con, vocabulary_rows, version)
    run_sql(con, "marts/navigation_found_efficacy", {"extractor_version": version})
    run_sql(con, "marts/navigation_vendor_efficacy", {"extractor_version": version})
    run_sql(con, "marts/navigation_patent_efficacy")
    run_sql(con, "marts/navigation_tech_efficacy_cell", {"max_branches": MAX_BRANCHES})
    run_sql(con, "marts/navigation_efficacy_agreement")
    return extracted
