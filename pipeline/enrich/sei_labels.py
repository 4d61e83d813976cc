"""enrich.sei_category and enrich.patent_sei: SEI labels per patent, each naming the rule that produced it.

Source order (one source per patent): incoPat's own 新兴产业分类 where the export carried it (source `vendor`, rule
`incoPat 新兴产业分类: <label as written>`), else the adopted concordance (source `concordance`, rule
`CNIPA2021 <category>#<block> <IPC entry>`) over the patent's IPC/CPC symbols. The adopted table and the evidence
for it: `patentnav classify --sei-agreement` (pipeline.enrich.seieval). Patents with neither get no SEI label (the
text model is not used here: at SEI industry level it agrees with incoPat on ~0.75 of held-out records, against
0.946 for the table, too weak to decide 高价值 criterion 1).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import table_exists
from pipeline.enrich import sei
from pipeline.sql import read_sql, run_sql

MAPPING_FILE = "sei_to_industry.csv"


def read_mapping(reference_dir: Path) -> list[dict[str, str]]:
    with open(reference_dir / MAPPING_FILE, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def patent_rows(patent_id: str, codes: list[str], vendor: list[str], matcher: sei.Matcher,
                names: dict[str, str], mapping: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The enrich.patent_sei rows of one patent: vendor labels if any map to an SEI code, else concordance rows."""
    def row(code: str, source: str, rule: str) -> dict[str, Any]:
        info = mapping.get(code, {})
        return {"patent_id": patent_id, "sei_code": code, "sei_name_zh": info.get("sei_name_zh"),
                "sei_industry_code": code.split(".")[0], "sei_industry_name_zh": info.get("sei_industry_name_zh"),
                "source": source, "rule": rule,
                "concordance_version": None if source == "vendor" else sei.CONCORDANCE_VERSION}

    vendor_rows: dict[str, dict[str, Any]] = {}
    for value in vendor:
        for code in sei.vendor_codes([value], names):
            vendor_rows.setdefault(code, row(code, "vendor", f"incoPat 新兴产业分类: {value}"))
    if vendor_rows:
        return sorted(vendor_rows.values(), key=lambda r: r["sei_code"])
    return [row(label.sei_code, "concordance", label.rule) for label in matcher.label(codes)]


def build_patent_sei(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> dict[str, int]:
    """Rebuild enrich.sei_category and enrich.patent_sei (inside the caller's transaction)."""
    import pyarrow as pa

    names = sei.load_names(reference_dir / "sei_codes.csv")
    mapping = {r["sei_code"]: r for r in read_mapping(reference_dir)}
    blocks = sei.load_concordance(reference_dir / sei.CONCORDANCE_FILE)
    matcher = sei.Matcher(blocks, sei.RULE_PREFIX)
    row_counts: dict[str, int] = {}
    for block in blocks:
        row_counts[block.sei_code] = row_counts.get(block.sei_code, 0) + len(block.includes)
    categories = pa.table({
        "sei_code": list(mapping), "sei_name_zh": [m["sei_name_zh"] for m in mapping.values()],
        "sei_industry_code": [m["sei_industry_code"] for m in mapping.values()],
        "sei_industry_name_zh": [m["sei_industry_name_zh"] for m in mapping.values()],
        "industry_code": [m["industry_code"] or None for m in mapping.values()],
        "concordance_rows": [row_counts.get(code, 0) for code in mapping],
        "concordance_version": [sei.CONCORDANCE_VERSION] * len(mapping),
    })
    run_sql(con, "enrich/sei_category_create")
    con.register("_sei_category", categories)
    try:
        con.execute(read_sql("enrich/sei_category_insert"))
    finally:
        con.unregister("_sei_category")

    # A patent's rows depend only on its symbols and vendor labels (and on the tables and this code, which make
    # up the labels version): a night computes the rows of the patents whose inputs changed, not of all of them.
    version = labels_version(reference_dir)
    run_sql(con, "enrich/patent_sei_input_now")
    if not (table_exists(con, "enrich.patent_sei") and table_exists(con, "enrich.patent_sei_input")
            and run_sql(con, "enrich/patent_sei_input_version").fetchall()[0][0] == version):
        run_sql(con, "enrich/patent_sei_create")
        run_sql(con, "enrich/patent_sei_input_create")
    run_sql(con, "enrich/patent_sei_changed")
    # the vendor lists of the changed patents only (a semi join in DuckDB, not a filter over every row in Python)
    vendor_changed = con.sql(read_sql("enrich/patent_sei_vendor")).join(con.table("sei_changed"), "patent_id",
                                                                         how="semi")
    vendor = {pid: [*(labels or []), *(codes or [])] for pid, labels, codes in vendor_changed.fetchall()}
    codes = dict(run_sql(con, "enrich/patent_sei_codes_changed").fetchall())
    rows: list[dict[str, Any]] = []
    for patent_id in sorted(set(codes) | set(vendor)):
        rows += patent_rows(patent_id, list(codes.get(patent_id) or []), vendor.get(patent_id, []), matcher,
                            names, mapping)
    columns = ("patent_id", "sei_code", "sei_name_zh", "sei_industry_code", "sei_industry_name_zh", "source",
               "rule", "concordance_version")
    run_sql(con, "enrich/patent_sei_delete_changed")
    con.register("_new_patent_sei", pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in columns}))
    try:
        con.execute(read_sql("enrich/patent_sei_insert"))
    finally:
        con.unregister("_new_patent_sei")
    run_sql(con, "enrich/patent_sei_input_replace", {"labels_version": version})
    return {str(source): int(n) for source, n in run_sql(con, "enrich/patent_sei_counts").fetchall()}


def labels_version(reference_dir: Path) -> str:
    """What every patent's SEI rows are computed with besides its own inputs: the three reference tables and
    the code that applies them (a change to either relabels every patent)."""
    digest = hashlib.sha256(sei.CONCORDANCE_VERSION.encode())
    for path in (reference_dir / sei.CONCORDANCE_FILE, reference_dir / "sei_codes.csv",
                 reference_dir / MAPPING_FILE, Path(sei.__file__), Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
