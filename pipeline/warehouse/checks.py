"""Data checks: each sql/checks/<name>.sql returns offending rows; any row is a failure."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipeline.db import table_exists
from pipeline.errors import CheckFailedError
from pipeline.sql import list_sql, run_sql


@dataclass(frozen=True)
class CheckResult:
    name: str
    offending_count: int
    sample: list[tuple[object, ...]]


def run_checks(con: duckdb.DuckDBPyConnection, prefix: str | tuple[str, ...] = "") -> list[CheckResult]:
    results = []
    for name in list_sql("checks"):
        short = name.split("/", 1)[1]
        if prefix and not short.startswith(prefix):
            continue
        if not _tables_exist(con, short):
            continue
        rows = run_sql(con, name).fetchall()
        results.append(CheckResult(short, len(rows), rows[:5]))
    return results


def _tables_exist(con: duckdb.DuckDBPyConnection, check_name: str) -> bool:
    """A check on enrich.* or mart.* is skipped until that step has run once."""
    schema, _, rest = check_name.partition("_")
    if schema in {"enrich", "mart"}:
        return any(table_exists(con, f"{schema}.{table}") for table in _candidate_tables(rest))
    return True


def _candidate_tables(rest: str) -> list[str]:
    parts = rest.split("_")
    return ["_".join(parts[:i]) for i in range(len(parts), 0, -1)]


def assert_checks_pass(con: duckdb.DuckDBPyConnection, prefix: str | tuple[str, ...] = "") -> list[CheckResult]:
    results = run_checks(con, prefix)
    failed = [r for r in results if r.offending_count]
    if failed:
        detail = "; ".join(f"{r.name}: {r.offending_count} rows, e.g. {r.sample[:2]}" for r in failed)
        raise CheckFailedError(f"data checks failed: {detail}")
    return results
