"""知识产权运营 (IP operations): transfers, licences and pledges of the patents each scope counts, per 片区 ×
industry × year, with the counterparties the export names.

Events come from core.legal_event (event types from data/reference/cn_legal_vocabulary.csv): the dated history
columns of the Chinese exports (法律状态历史, 法律事件, INPADOC法律状态) and the 权利转移/转让, 许可, 质押
columns with their dates and counts. Counterparties come from core.patent_detail.vendor_fields_json (转让人,
受让人, 许可人, 被许可人, 出质人, 质权人; an older load keeps 许可人/出质人 in extra_json under the header).
EPO OPS files load only the latest legal event's description (core.patent.legal_status): no event rows.
"""

from __future__ import annotations

import duckdb

from pipeline.db import count_rows
from pipeline.sql import run_sql

OPERATION_TYPES = ("transfer", "licence", "pledge")


def build_operations(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """mart.ip_operation and mart.ip_operation_summary (needs mart.scope_member)."""
    run_sql(con, "marts/navigation_ip_operation")
    run_sql(con, "marts/navigation_ip_operation_summary")
    return {"ip_operation_rows": count_rows(con, "mart.ip_operation"),
            "ip_operation_summary_rows": count_rows(con, "mart.ip_operation_summary")}
