"""Applicant citation flows and the co-applicant (产学研) collaboration network, all in DuckDB SQL.

Applicants come from the temp view nw_entity (bound by citations.bind_inputs): enrich.patent_applicant +
enrich.applicant_entity when the FTZ step has run, else core.patent_party names (applicants, or assignees
where a patent lists none). Runs inside the networks step's transaction.
"""

from __future__ import annotations

from typing import Any

import duckdb

from pipeline.db import count_rows
from pipeline.settings import Settings
from pipeline.sql import run_sql


def build_collaboration(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Rebuild mart.applicant_citation_flow, mart.zone_citation_flow and mart.collaboration_edge."""
    run_sql(con, "marts/networks_applicant_citation_flow")
    run_sql(con, "marts/networks_zone_citation_flow", {"threshold": settings.headline_threshold})
    run_sql(con, "marts/networks_collaboration_edge")
    flows = count_rows(con, "mart.applicant_citation_flow")
    row = run_sql(con, "marts/collaboration_self_citation_totals").fetchone()
    self_count, total = (int(row[0]), int(row[1])) if row else (0, 0)
    return {
        "applicant_flows": flows,
        "self_citation_share": round(self_count / total, 4) if total else None,
        "collaboration_edges": count_rows(con, "mart.collaboration_edge"),
    }
