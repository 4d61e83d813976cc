"""Applicant citation flows and the co-applicant (产学研) collaboration network, all in DuckDB SQL.

Applicants come from the temp view nw_entity (bound by citations.bind_inputs): enrich.patent_applicant +
enrich.applicant_entity when the FTZ step has run, else core.patent_party names (applicants, or assignees
where a patent lists none). Runs inside the networks step's transaction.
"""

from __future__ import annotations

from typing import Any

import duckdb

from pipeline.settings import Settings
from pipeline.sql import run_sql


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()  # table names are our own constants
    return int(row[0]) if row else 0


def build_collaboration(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Rebuild mart.applicant_citation_flow, mart.zone_citation_flow and mart.collaboration_edge."""
    run_sql(con, "marts/networks_applicant_citation_flow")
    run_sql(con, "marts/networks_zone_citation_flow", {"threshold": settings.headline_threshold})
    run_sql(con, "marts/networks_collaboration_edge")
    flows = count_rows(con, "mart.applicant_citation_flow")
    row = con.execute(
        "select coalesce(sum(citation_count) filter (where is_self), 0), coalesce(sum(citation_count), 0) "
        "from mart.applicant_citation_flow").fetchone()
    self_count, total = (int(row[0]), int(row[1])) if row else (0, 0)
    return {
        "applicant_flows": flows,
        "self_citation_share": round(self_count / total, 4) if total else None,
        "collaboration_edges": count_rows(con, "mart.collaboration_edge"),
    }
