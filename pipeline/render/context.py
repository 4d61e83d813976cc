"""What every section sees: the page being built, the site-wide context, and the one way to run a site query.

Site queries live in sql/site/, named after the section that uses them. They read marts (and the documented
core/enrich tables) and never create anything: everything derived that a page needs is materialised by the
analyse steps before render runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline.db import existing_tables
from pipeline.errors import PatentNavError
from pipeline.settings import Settings
from pipeline.sql import read_sql, run_sql

# Materialised by the indicators step: scope membership and applicant names every page reads.
REQUIRED_MARTS = frozenset({"mart.scope_member", "mart.patent_applicant", "mart.applicant"})

ZONE_FALLBACK = {
    "CQFTZ-LJ": ("两江片区", "Liangjiang Area"),
    "CQFTZ-XY": ("西永片区", "Xiyong Area"),
    "CQFTZ-GYG": ("果园港片区", "Guoyuan Port Area"),
}


@dataclass
class Page:
    slug: str
    title_zh: str
    title_en: str
    scope: str            # zone code, 'CQ' or 'ALL'
    industry: str         # industry code or 'ALL'
    sections: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)  # Excel sheet / CSV name -> rows
    synthetic_share: str = ""
    entity: str = ""      # applicant entity of a dossier page
    cutoff: str = ""      # the page's data cut-off: the latest filing among its patents (load_page_provenance)
    files: list[dict[str, Any]] = field(default_factory=list)  # loaded files its patents come from

    @property
    def params(self) -> dict[str, Any]:
        return {"scope": self.scope, "industry": self.industry, "entity": self.entity}


@dataclass
class SiteContext:
    settings: Settings
    tables: set[str]
    zones: dict[str, dict[str, str]]
    industries: dict[str, dict[str, str]]
    cutoff: str
    provenance: dict[str, Any]
    generated: str
    out_dir: Path  # where this render writes (a staging directory, swapped in when complete)
    pages: list[Page] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # site-wide query results shared by sections
    failures: list[str] = field(default_factory=list)
    section_seconds: dict[str, float] = field(default_factory=dict)  # building time per section, all pages


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """Run sql/site/<name>.sql with the parameters it names; the result as a polars frame."""
    text = read_sql(f"site/{name}")
    used = {key: value for key, value in (params or {}).items() if f"${key}" in text}
    return to_polars(con.sql(text, params=used or None))


def prepare_once(con: duckdb.DuckDBPyConnection, cache: dict[str, Any], name: str) -> None:
    """Run sql/site/<name>.sql (a temp table that page queries join) on its first call of a render; cache is the
    render's SiteContext.cache."""
    if name not in cache:
        run_sql(con, f"site/{name}")
        cache[name] = True


def to_polars(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    # DuckDB 2.0: the connection's result must be consumed in full; an Arrow table does that.
    frame = pl.from_arrow(relation.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def page_rows(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page, name: str, *, needs: str,
              sheet: str) -> pl.DataFrame | None:
    """The page's rows of sql/site/<name>.sql, kept as the page's <sheet> export; None when the mart it reads
    (needs) is not built yet or holds nothing for this page."""
    if needs not in ctx.tables:
        return None
    rows = query(con, name, page.params)
    if not rows.height:
        return None
    page.tables[sheet] = rows
    return rows


def load_zones(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, dict[str, str]]:
    zones = {code: {"zh": zh, "en": en, "plan": ""} for code, (zh, en) in ZONE_FALLBACK.items()}
    if "enrich.zone" in tables:
        for row in query(con, "context_zones").iter_rows(named=True):
            if row["zone_code"] in zones:
                zones[row["zone_code"]] = {"zh": row["name_zh"] or zones[row["zone_code"]]["zh"],
                                           "en": row["name_en"] or zones[row["zone_code"]]["en"],
                                           "plan": row["plan_industries"]}
    return zones


def load_industries(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, dict[str, str]]:
    industries: dict[str, dict[str, str]] = {}
    if "enrich.industry" in tables:
        for row in query(con, "context_industries").iter_rows(named=True):
            industries[row["industry_code"]] = {"zh": row["name_zh"] or row["industry_code"],
                                                "en": row["name_en"] or row["industry_code"],
                                                "plan": row["plan_zones"]}
    # Industries present in the data but missing from the taxonomy table still get a page.
    for code in query(con, "context_industries_present")["industry_code"].to_list():
        industries.setdefault(code, {"zh": code, "en": code, "plan": ""})
    return industries


def is_plan_industry(ctx: SiteContext, zone: str, industry: str) -> bool:
    """Plan-industry mark: either side of the gazetteer/taxonomy link names the other."""
    zone_plan = {p.strip() for p in re.split(r"[|,;、]", ctx.zones.get(zone, {}).get("plan", "")) if p.strip()}
    industry_plan = {p.strip() for p in re.split(r"[|,;]", ctx.industries.get(industry, {}).get("plan", ""))}
    return industry in zone_plan or zone in industry_plan


def load_provenance(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, Any]:
    from pipeline.render.assets import library_versions

    cutoff = query(con, "provenance_cutoff").row(0, named=True)
    files = query(con, "provenance_files").to_dicts() if "core.ingest_file" in tables else []
    gazetteer = taxonomy = model = ""
    if "enrich.patent_location" in tables:
        gazetteer = query(con, "provenance_gazetteer")["versions"][0] or ""
    if "enrich.patent_industry" in tables:
        versions = query(con, "provenance_models").row(0, named=True)
        taxonomy, model = versions["taxonomy_versions"] or "", versions["model_versions"] or ""
    return {"cutoff": cutoff, "files": files, "gazetteer": gazetteer, "taxonomy": taxonomy, "model": model,
            "libraries": library_versions()}


def load_page_provenance(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    """The page's own cut-off and source files (the overview: the warehouse's), so what a page says depends
    only on its own rows and an unchanged page stays byte-identical from one night to the next."""
    if page.slug == "index" or not {"mart.scope_member", "mart.patent_applicant"} <= ctx.tables:
        page.cutoff, page.files = ctx.cutoff, list(ctx.provenance.get("files", []))
        return
    prepare_once(con, ctx.cache, "provenance_scope_file")
    row = query(con, "provenance_page", page.params).row(0, named=True)
    page.cutoff = str(row["cutoff_date"]) if row["cutoff_date"] else "—"
    page.files = list(row["files"] or [])


def site_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables render may read; the scope membership that every page needs must have been materialised."""
    tables = existing_tables(con)
    missing = sorted(REQUIRED_MARTS - tables)
    if missing:
        raise PatentNavError(f"cannot render: {', '.join(missing)} missing; run the indicators step first "
                             "(`patentnav run`, or `patentnav report --indicators`)")
    return tables
