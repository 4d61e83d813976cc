"""Render the offline bilingual site from the warehouse and publish it atomically.

Pages: index (FTZ overview), one per 片区, one per 片区 × industry, one per industry Chongqing-wide. Each section
renders only when its tables exist and hold rows for the page, so the site grows as enrichment lands.
All data reaches HTML through jinja2 autoescaping; chart specs are JSON with <, >, & and U+2028/2029 escaped.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipeline.settings import Settings
from pipeline.sql import read_sql

log = logging.getLogger(__name__)

ZONE_FALLBACK = {
    "CQFTZ-LJ": ("两江片区", "Liangjiang Area"),
    "CQFTZ-XY": ("西永片区", "Xiyong Area"),
    "CQFTZ-GYG": ("果园港片区", "Guoyuan Port Area"),
}
MAX_POINTS = 2000          # landscape points per page (sampled beyond this, and the page says so)
MAX_NETWORK_NODES = 80
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_PROVENANCE_FILES = 100  # per page; the overview exports the full manifest
TEMPLATE_DIR = Path(__file__).with_name("templates")
PATENT_ID_PATTERN = re.compile(r"^(CN|US|EP|WO)[0-9A-Z]{4,20}$")


# ---------------------------------------------------------------- helpers

def json_for_script(value: Any) -> str:
    """JSON safe inside <script>: no '</script>', no '<!--', no raw U+2028/2029 line separators."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def patent_office_url(patent_id: str | None) -> str | None:
    """Public page of a CN/US/EP/WO publication; None for anything that is not a plain publication number."""
    if not patent_id or not PATENT_ID_PATTERN.match(patent_id):
        return None
    if patent_id.startswith("EP"):
        return f"https://worldwide.espacenet.com/patent/search?q=pn%3D{patent_id}"
    return f"https://patents.google.com/patent/{patent_id}"


def slug_for(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts if p) or "page"


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    rows = con.execute("select count(*) from duckdb_tables() where schema_name = $s and table_name = $t",
                       {"s": schema, "t": table}).fetchall()
    return bool(rows and rows[0][0])


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    # DuckDB 2.0: the connection's result must be consumed in full; an Arrow table does that.
    text = read_sql(f"marts/indicators_page_{name}")
    used = {key: value for key, value in (params or {}).items() if f"${key}" in text}
    return to_polars(con.sql(text, params=used or None))


def to_polars(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    frame = pl.from_arrow(relation.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def fmt_count(value: Any) -> str:
    return f"{int(value):,}" if value is not None else "0"


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}%"


# ---------------------------------------------------------------- context

@dataclass
class Page:
    slug: str
    title_zh: str
    title_en: str
    scope: str            # zone code, 'CQ' or 'ALL'
    industry: str         # industry code or 'ALL'
    sections: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    synthetic_share: str = ""


@dataclass
class SiteContext:
    settings: Settings
    tables: set[str]
    zones: dict[str, dict[str, str]]
    industries: dict[str, dict[str, str]]
    cutoff: str
    provenance: dict[str, Any]
    generated: str
    failures: list[str] = field(default_factory=list)


def known_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {f"{s}.{t}" for s, t in con.execute("select schema_name, table_name from duckdb_tables()").fetchall()}


def load_zones(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, dict[str, str]]:
    zones = {code: {"zh": zh, "en": en, "plan": ""} for code, (zh, en) in ZONE_FALLBACK.items()}
    if "enrich.zone" in tables:
        for row in query(con, "zone_meta").iter_rows(named=True):
            if row["zone_code"] in zones:
                zones[row["zone_code"]] = {"zh": row["name_zh"] or zones[row["zone_code"]]["zh"],
                                           "en": row["name_en"] or zones[row["zone_code"]]["en"],
                                           "plan": row["plan_industries"]}
    return zones


def load_industries(con: duckdb.DuckDBPyConnection, tables: set[str]) -> dict[str, dict[str, str]]:
    industries: dict[str, dict[str, str]] = {}
    if "enrich.industry" in tables:
        for row in query(con, "industry_meta").iter_rows(named=True):
            industries[row["industry_code"]] = {"zh": row["name_zh"] or row["industry_code"],
                                                "en": row["name_en"] or row["industry_code"],
                                                "plan": row["plan_zones"]}
    # Industries present in the data but missing from the taxonomy table still get a page.
    for (code,) in con.execute("select distinct industry_code from ind_member where industry_code <> 'ALL' "
                               "order by 1").fetchall():
        industries.setdefault(code, {"zh": code, "en": code, "plan": ""})
    return industries


def is_plan_industry(ctx: SiteContext, zone: str, industry: str) -> bool:
    """Plan-industry mark: either side of the gazetteer/taxonomy link names the other."""
    zone_plan = {p.strip() for p in re.split(r"[|,;、]", ctx.zones.get(zone, {}).get("plan", "")) if p.strip()}
    industry_plan = {p.strip() for p in re.split(r"[|,;]", ctx.industries.get(industry, {}).get("plan", ""))}
    return industry in zone_plan or zone in industry_plan


def load_provenance(con: duckdb.DuckDBPyConnection, tables: set[str], settings: Settings) -> dict[str, Any]:
    from pipeline.render.assets import library_versions

    cutoff = query(con, "cutoff").row(0, named=True)
    files = query(con, "files").to_dicts() if "core.ingest_file" in tables else []
    gazetteer = taxonomy = model = ""
    if "enrich.patent_location" in tables:
        gazetteer = query(con, "versions_location")["versions"][0] or ""
    if "enrich.patent_industry" in tables:
        versions = query(con, "versions_industry").row(0, named=True)
        taxonomy, model = versions["taxonomy_versions"] or "", versions["model_versions"] or ""
    return {"cutoff": cutoff, "files": files, "gazetteer": gazetteer, "taxonomy": taxonomy, "model": model,
            "libraries": library_versions()}


# ---------------------------------------------------------------- sections

def chart_section(section_id: str, zh: str, en: str, spec: dict[str, Any], note_zh: str = "",
                  note_en: str = "") -> dict[str, Any]:
    from markupsafe import Markup

    return {"id": section_id, "kind": "chart", "title_zh": zh, "title_en": en, "note_zh": note_zh,
            "note_en": note_en, "spec_json": Markup(json_for_script(spec))}  # noqa: S704 (escaped above)


def cell(text: Any, *, sort: Any = None, num: bool = False, href: str | None = None, sub: str = "",
         mark: bool = False) -> dict[str, Any]:
    return {"text": "" if text is None else str(text), "sort": sort, "cls": "num" if num else "",
            "href": href, "external": bool(href and href.startswith("https://")), "sub": sub, "mark": mark}


def page_params(page: Page) -> dict[str, Any]:
    return {"scope": page.scope, "industry": page.industry}


def add_trend(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    from pipeline.render import charts

    trend = query(con, "trend", page_params(page))
    if not trend.height:
        return
    page.tables["trend"] = trend
    page.sections.append(chart_section(
        "trend", "申请趋势（按类型）", "Application trend by type", charts.trend_chart(trend),
        "按申请年统计（图中为最近25年，全部年份见导出）；2017-04-01 之前的申请早于自贸区设立（归属依据申请人所在地）。",
        "By filing year (last 25 years drawn; all years in the export); filings before 2017-04-01 predate the FTZ "
        "(attribution follows the applicant's location)."))
    lifecycle = query(con, "lifecycle", page_params(page))
    if lifecycle.height >= 2:
        page.tables["lifecycle"] = lifecycle
        page.sections.append(chart_section(
            "lifecycle", "技术生命周期", "Technology life-cycle", charts.lifecycle_chart(lifecycle),
            "每点为一年：横轴申请量，纵轴申请人数。", "One point per year: applications (x) vs applicants (y)."))


def add_applicants_and_ipc(con: duckdb.DuckDBPyConnection, page: Page) -> None:
    from pipeline.render import charts

    applicants = query(con, "top_applicants", {**page_params(page), "limit": 15})
    if applicants.height:
        page.tables["top_applicants"] = applicants
        page.sections.append(chart_section(
            "applicants", "主要申请人", "Top applicants",
            charts.bar_ranking_chart(applicants, "申请人 Applicant", "申请量 Applications")))
    ipc = query(con, "ipc", {**page_params(page), "limit": 12})
    if ipc.height:
        page.tables["ipc"] = ipc
        page.sections.append(chart_section(
            "ipc", "IPC 构成（小类）", "IPC composition (subclass)",
            charts.bar_ranking_chart(ipc, "IPC 小类 Subclass", "专利数 Patents")))


def contour_frame(contours: pl.DataFrame) -> pl.DataFrame:
    """Flatten polygon_json ([[x,y],…], a list of rings, or GeoJSON-like {'coordinates': …}) into closed lines."""
    rows: list[dict[str, Any]] = []
    for index, row in enumerate(contours.iter_rows(named=True)):
        try:
            shape = json.loads(row["polygon_json"]) if row["polygon_json"] else []
        except (TypeError, ValueError):
            continue
        if isinstance(shape, dict):
            shape = shape.get("coordinates", [])
        rings = shape if shape and isinstance(shape[0], list) and shape[0] and isinstance(shape[0][0], list) \
            else [shape]
        for ring_index, ring in enumerate(rings):
            points = [p for p in ring if isinstance(p, list | tuple) and len(p) >= 2]
            if len(points) < 3:
                continue
            for order, (x, y) in enumerate([*points, points[0]]):
                rows.append({"polygon_id": f"{index}-{ring_index}", "order": order, "x": float(x), "y": float(y),
                             "density": float(row["density"] or 0)})
    schema = {"polygon_id": pl.Utf8, "order": pl.Int64, "x": pl.Float64, "y": pl.Float64, "density": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def add_landscape(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if page.industry == "ALL" or "enrich.patent_topic" not in ctx.tables:
        return
    total = int(query(con, "point_total", page_params(page))["point_count"][0])
    points = query(con, "points", {**page_params(page), "limit": MAX_POINTS})
    if not points.height:
        return
    points = points.with_columns(
        pl.col("patent_id").map_elements(lambda p: patent_office_url(p) or "", return_dtype=pl.Utf8).alias("link"))
    contours = contour_frame(query(con, "contours", {"industry": page.industry})) \
        if "enrich.landscape_contour" in ctx.tables \
        else contour_frame(pl.DataFrame({"density": [], "polygon_json": []}))
    peaks = query(con, "peaks", {"industry": page.industry}) if "enrich.landscape_peak" in ctx.tables \
        else pl.DataFrame({"x": [], "y": [], "label_zh": [], "label_en": []})
    peaks = peaks.with_columns(
        pl.concat_str([pl.col("label_zh"), pl.col("label_en")], separator=" ", ignore_nulls=True).alias("label"))
    sampled = total > points.height
    note_zh = f"共 {total:,} 件专利有图谱坐标" + (
        f"，为控制页面大小，随机抽样显示 {points.height:,} 件。" if sampled else "。")
    note_en = f"{total:,} patents have map coordinates" + (
        f"; a stable random sample of {points.height:,} is shown to keep the page small." if sampled else ".")
    page.tables["landscape_points"] = points
    page.sections.append(chart_section(
        "landscape", "技术主题图谱", "Topic landscape", charts.landscape_chart(contours, peaks, points),
        note_zh + " 点击点打开专利局页面。", note_en + " Click a point to open the patent office page."))


def spring_positions(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    layout = nx.spring_layout(graph, seed=7)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def edge_frame(edges: list[tuple[str, str]], pos: dict[str, tuple[float, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"x": pos[a][0], "y": pos[a][1], "x2": pos[b][0], "y2": pos[b][1]} for a, b in edges if a in pos and b in pos],
        schema={"x": pl.Float64, "y": pl.Float64, "x2": pl.Float64, "y2": pl.Float64})


def add_core_and_citations(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if not {"mart.core_patent", "mart.patent_citation_metrics"} <= ctx.tables:
        return
    zone = page.scope if page.scope in ZONE_FALLBACK else None
    core = query(con, "core_patents", {**page_params(page), "zone": zone, "limit": MAX_NETWORK_NODES})
    if not core.height:
        return
    page.tables["core_patents"] = core
    ids = core["patent_id"].to_list()
    edges = [(a, b) for a, b in query(con, "citation_edges", {"ids": ids}).iter_rows()]
    if edges:
        pos = spring_positions(ids, edges)
        nodes = core.select(
            pl.col("patent_id").alias("id"), pl.col("title").fill_null("").alias("label"),
            pl.col("community_id").cast(pl.Utf8).fill_null("—").alias("group"),
            pl.col("forward_citations").fill_null(0).cast(pl.Float64).alias("size"),
        ).with_columns(
            pl.col("id").map_elements(lambda i: pos[i][0], return_dtype=pl.Float64).alias("x"),
            pl.col("id").map_elements(lambda i: pos[i][1], return_dtype=pl.Float64).alias("y"))
        page.sections.append(chart_section(
            "citations", "核心专利引证网络", "Citation network of core patents",
            charts.network_chart(nodes, edge_frame(edges, pos), "社区 Community"),
            "颜色为引证社区，点大小为被引次数。", "Colour = citation community; size = forward citations."))
    rows = []
    for r in core.iter_rows(named=True):
        rows.append([
            cell(r["core_rank"], sort=r["core_rank"], num=True),
            cell(r["patent_id"], href=patent_office_url(r["patent_id"])),
            cell(r["title"]), cell(r["applicant"]), cell(r["filing_year"], sort=r["filing_year"], num=True),
            cell(r["forward_citations"], sort=r["forward_citations"], num=True),
            cell(r["core_score"], sort=r["core_score"], num=True),
            cell(r["community_id"], sort=r["community_id"], num=True)])
    columns = [("number", "排名", "Rank"), ("text", "公开号", "Number"), ("text", "标题", "Title"),
               ("text", "申请人", "Applicant"), ("number", "申请年", "Year"), ("number", "被引", "Cited by"),
               ("number", "核心度", "Core score"), ("number", "社区", "Community")]
    page.sections.append({"id": "core-table", "kind": "table", "sortable": True, "title_zh": "核心专利",
                          "title_en": "Core patents", "note_zh": "点击表头排序。", "note_en": "Click a header to sort.",
                          "columns": [{"type": t, "zh": zh, "en": en} for t, zh, en in columns], "rows": rows})


def add_main_path(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if "mart.main_path_edge" not in ctx.tables:
        return
    path = query(con, "main_path", {"industry": page.industry, "limit": 60})
    path = path.filter(pl.col("cited_year").is_not_null() & pl.col("citing_year").is_not_null())
    if not path.height:
        return
    page.tables["main_path"] = path
    lanes: dict[str, float] = {}
    years: dict[str, tuple[int, str]] = {}
    for r in path.iter_rows(named=True):
        years[r["cited_id"]] = (r["cited_year"], r["cited_title"])
        years[r["citing_id"]] = (r["citing_year"], r["citing_title"])
    per_year: dict[int, int] = {}
    for node, (year, _) in sorted(years.items(), key=lambda item: (item[1][0], item[0])):
        lanes[node] = float(per_year.get(year, 0))
        per_year[year] = per_year.get(year, 0) + 1
    nodes = pl.DataFrame([{"id": n, "label": t, "x": float(y), "y": lanes[n]} for n, (y, t) in years.items()])
    edges = pl.DataFrame([{"x": float(r["cited_year"]), "y": lanes[r["cited_id"]], "x2": float(r["citing_year"]),
                           "y2": lanes[r["citing_id"]], "spc": float(r["spc"] or 0)}
                          for r in path.iter_rows(named=True)])
    page.sections.append(chart_section(
        "main-path", "引证主路径", "Citation main path", charts.main_path_chart(nodes, edges),
        "该产业全部数据的主路径，按申请年从左到右；线宽为搜索路径计数（SPC）。",
        "The industry's main path over all data, left to right by filing year; line width = search path count."))


def add_collaboration(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    from pipeline.render import charts

    if "mart.collaboration_edge" not in ctx.tables:
        return
    collab = query(con, "collaboration", {**page_params(page), "limit": 120})
    if not collab.height:
        return
    page.tables["collaboration"] = collab
    labels: dict[str, str] = {}
    weight: dict[str, float] = {}
    edges = []
    for r in collab.iter_rows(named=True):
        labels[r["entity_a"]], labels[r["entity_b"]] = r["label_a"], r["label_b"]
        for entity in (r["entity_a"], r["entity_b"]):
            weight[entity] = weight.get(entity, 0) + float(r["patent_count"] or 0)
        edges.append((r["entity_a"], r["entity_b"]))
    pos = spring_positions(list(labels), edges)
    nodes = pl.DataFrame([{"id": e, "label": labels[e], "x": pos[e][0], "y": pos[e][1], "group": "申请人 Applicant",
                           "size": weight[e]} for e in labels])
    page.sections.append(chart_section(
        "collaboration", "合作网络", "Collaboration network",
        charts.network_chart(nodes, edge_frame(edges, pos), "类型 Type"),
        "联合申请关系；点大小为合作专利数。", "Co-applications; node size = collaborative patents."))


INDICATOR_COLUMNS = (
    ("filing_year", "申请年", "Year"), ("application_count", "申请量", "Applications"),
    ("application_sensitivity_count", "敏感性", "Sensitivity"), ("grant_count", "授权", "Grants"),
    ("invention_count", "发明", "Inventions"), ("utility_model_count", "实用新型", "Utility models"),
    ("design_count", "外观设计", "Designs"), ("application_yoy_pct", "同比%", "YoY %"),
    ("scope_share_pct", "占本范围%", "Share of scope %"), ("benchmark_share_pct", "占全部数据%", "Share of all data %"),
    ("applicant_count", "申请人数", "Applicants"), ("hhi", "HHI", "HHI"), ("top5_share_pct", "前五占比%", "Top-5 %"),
    ("pct_share_pct", "PCT占比%", "PCT %"),
)


def add_indicators(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    """The page's rows of mart.zone_industry_year: counts, growth, shares and concentration by year."""
    if "mart.zone_industry_year" not in ctx.tables:
        return
    data = query(con, "indicators", page_params(page))
    if not data.height:
        return
    page.tables["indicators"] = data
    rows = []
    for r in data.iter_rows(named=True):
        row = []
        for key, _, _ in INDICATOR_COLUMNS:
            value = r[key]
            text = "—" if value is None else (f"{value}*" if key == "filing_year" and r["is_pre_ftz"] else value)
            row.append(cell(text, sort=value, num=True))
        rows.append(row)
    page.sections.append({
        "id": "indicators", "kind": "table", "sortable": True, "title_zh": "年度指标", "title_en": "Indicators by year",
        "note_zh": "HHI 为申请人集中度（0–1）；* 为自贸区设立（2017-04-01）之前的年份。",
        "note_en": "HHI = applicant concentration (0–1); * = years before the FTZ launched (2017-04-01).",
        "columns": [{"type": "number", "zh": zh, "en": en} for _, zh, en in INDICATOR_COLUMNS], "rows": rows})


SIGNAL_NAMES = {"new_entrant": ("新进入者", "New entrant"), "rising_applicant": ("快速增长申请人", "Rising applicant"),
                "rising_topic": ("快速增长主题", "Rising topic")}


def add_signals(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> None:
    if "mart.signal" not in ctx.tables:
        return
    signals = query(con, "signals", page_params(page))
    if not signals.height:
        return
    page.tables["signals"] = signals
    rows = []
    for r in signals.iter_rows(named=True):
        zh, en = SIGNAL_NAMES.get(r["signal_type"], (r["signal_type"], r["signal_type"]))
        rows.append([cell(zh, sub=en), cell(r["label_zh"], sub=r["label_en"] if r["label_en"] != r["label_zh"] else ""),
                     cell(r["recent_count"], sort=r["recent_count"], num=True),
                     cell(r["prior_count"], sort=r["prior_count"], num=True),
                     cell(fmt_pct(r["growth_pct"]), sort=r["growth_pct"], num=True),
                     cell(r["first_filing_date"])])
    window = signals.row(0, named=True)
    columns = [("text", "信号", "Signal"), ("text", "对象", "Subject"), ("number", "近12个月", "Last 12 m"),
               ("number", "前12个月", "Prior 12 m"), ("number", "增长", "Growth"), ("text", "首次申请", "First filing")]
    page.sections.append({
        "id": "signals", "kind": "table", "sortable": True, "title_zh": "预警：新进入者与快速增长",
        "title_en": "Early warning: new entrants and rising activity",
        "note_zh": f"近12个月 = {window['window_start']} 至 {window['window_end']}（按申请日）。",
        "note_en": f"Last 12 months = {window['window_start']} to {window['window_end']} (by filing date).",
        "columns": [{"type": t, "zh": zh, "en": en} for t, zh, en in columns], "rows": rows})


def provenance_section(ctx: SiteContext, page: Page) -> dict[str, Any]:
    p = ctx.provenance
    libraries = ", ".join(f"{k} {v}" for k, v in p["libraries"].items())
    items = [
        ("数据截止日期", "Data cut-off", ctx.cutoff),
        ("片区归属阈值", "Zone threshold",
         f"≥ {ctx.settings.headline_threshold} (sensitivity ≥ {ctx.settings.sensitivity_threshold})"),
        ("地名库版本", "Gazetteer version", p["gazetteer"] or "—"),
        ("产业分类版本", "Taxonomy version", p["taxonomy"] or "—"),
        ("模型版本", "Model version", p["model"] or "—"),
        ("合成数据", "What is synthetic",
         (f"{page.synthetic_share} of this page's patents come from files marked synthetic (below)"
          if page.synthetic_share else "none on this page")),
        ("图表库", "Chart libraries", libraries),
        ("源文件数", "Source files", f"{len(p['files']):,}" + (
            f" (first {MAX_PROVENANCE_FILES} listed; all in the overview's source_files export)"
            if len(p["files"]) > MAX_PROVENANCE_FILES else "")),
    ]
    return {"id": "provenance", "kind": "provenance", "title_zh": "数据来源与说明", "title_en": "Provenance",
            "items": [{"zh": zh, "en": en, "value": value} for zh, en, value in items],
            "files": p["files"][:MAX_PROVENANCE_FILES]}


def set_synthetic_share(con: duckdb.DuckDBPyConnection, page: Page) -> int:
    counts = query(con, "patent_count", page_params(page)).row(0, named=True)
    total, synthetic = int(counts["patent_count"] or 0), int(counts["synthetic_count"] or 0)
    page.synthetic_share = f"{100.0 * synthetic / total:.1f}%" if synthetic else ""
    return total


def guarded(ctx: SiteContext, page: Page, builder: Any, *args: Any) -> None:
    """Build one section; a table another feature is still reshaping must not take the whole site down.

    The failure is logged and listed in the render summary, and the section is simply absent from the page.
    """
    try:
        builder(*args)
    except (duckdb.Error, KeyError, TypeError, ValueError) as exc:
        log.warning("%s: section %s skipped: %s", page.slug, builder.__name__, exc)
        ctx.failures.append(f"{page.slug}:{builder.__name__}: {type(exc).__name__}: {str(exc)[:200]}")


def build_detail_page(con: duckdb.DuckDBPyConnection, ctx: SiteContext, page: Page) -> Page:
    total = set_synthetic_share(con, page)
    page.sections.append({"id": "summary", "kind": "cards", "title_zh": "概要", "title_en": "Summary",
                          "cards": [{"value": fmt_count(total), "zh": "专利（≥阈值）", "en": "Patents (≥ threshold)"}]})
    if not total:
        page.sections[-1]["note_zh"] = "暂无达到阈值的专利：片区归属或产业标注尚未生成，或该范围确无数据。"
        page.sections[-1]["note_en"] = ("No patents at the threshold yet: zone attribution or industry labels have "
                                        "not been produced, or this scope has none.")
    guarded(ctx, page, add_trend, con, page)
    guarded(ctx, page, add_indicators, con, ctx, page)
    guarded(ctx, page, add_applicants_and_ipc, con, page)
    guarded(ctx, page, add_landscape, con, ctx, page)
    guarded(ctx, page, add_core_and_citations, con, ctx, page)
    guarded(ctx, page, add_main_path, con, ctx, page)
    guarded(ctx, page, add_collaboration, con, ctx, page)
    guarded(ctx, page, add_signals, con, ctx, page)
    return page


def build_index(con: duckdb.DuckDBPyConnection, ctx: SiteContext, pages: list[Page]) -> Page:
    page = Page("index", "重庆自贸试验区专利导航总览", "Chongqing FTZ patent navigation — overview", "ALL", "ALL")
    set_synthetic_share(con, page)
    matrix = query(con, "matrix") if "mart.zone_industry_year" in ctx.tables else pl.DataFrame()
    cells = {(r["scope_code"], r["industry_code"]): r for r in matrix.iter_rows(named=True)}
    page_slugs = {p.slug for p in pages}
    cutoff = ctx.provenance["cutoff"]
    ftz = [cells.get((z, "ALL"), {}) for z in ZONE_FALLBACK]
    ftz_count = sum(int(c.get("application_count") or 0) for c in ftz)
    ftz_sens = sum(int(c.get("application_sensitivity_count") or 0) for c in ftz)
    cq = cells.get(("CQ", "ALL"), {})
    page.sections.append({"id": "headline", "kind": "cards", "title_zh": "核心指标", "title_en": "Headline indicators",
                          "cards": [
        {"value": fmt_count(cutoff["patent_count"]), "zh": "专利总数（全部数据）", "en": "Patents (all data)"},
        {"value": fmt_count(cq.get("application_count")), "zh": "重庆专利", "en": "Chongqing patents"},
        {"value": f"{ftz_count:,} ({ftz_sens:,})", "zh": "自贸区三片区专利（敏感性）",
         "en": "FTZ patents (sensitivity)"},
        {"value": fmt_count(cq.get("invention_count")), "zh": "重庆发明专利", "en": "Chongqing inventions"},
        {"value": ctx.cutoff, "zh": "数据截止日期", "en": "Data cut-off"}]})
    industries = list(ctx.industries)
    columns = [{"type": "text", "zh": "片区", "en": "Zone"},
               {"type": "number", "zh": "全部产业", "en": "All industries"}]
    columns += [{"type": "number", "zh": ctx.industries[i]["zh"], "en": ctx.industries[i]["en"]} for i in industries]
    rows = []
    for zone, names in ctx.zones.items():
        total = cells.get((zone, "ALL"), {})
        row = [cell(names["zh"], href=f"{slug_for('zone', zone)}.html", sub=names["en"]),
               matrix_cell(total, None, False)]
        for industry in industries:
            slug = slug_for("zone", zone, industry)
            row.append(matrix_cell(cells.get((zone, industry), {}), f"{slug}.html" if slug in page_slugs else None,
                                   is_plan_industry(ctx, zone, industry)))
        rows.append(row)
    for scope, zh, en in (("CQ-OTHER", "重庆其他地区", "Rest of Chongqing"), ("CQ", "重庆全市", "All Chongqing")):
        row = [cell(zh, sub=en), matrix_cell(cells.get((scope, "ALL"), {}), None, False)]
        for industry in industries:
            slug = slug_for("industry", industry)
            href = f"{slug}.html" if scope == "CQ" and slug in page_slugs else None
            row.append(matrix_cell(cells.get((scope, industry), {}), href, False))
        rows.append(row)
    page.sections.append({
        "id": "matrix", "kind": "table", "sortable": False, "title_zh": "片区 × 产业 专利矩阵",
        "title_en": "Zone × industry matrix",
        "note_zh": (f"数字为置信度 ≥ {ctx.settings.headline_threshold} 的专利数，括号内为 ≥ "
                    f"{ctx.settings.sensitivity_threshold} 的敏感性计数；百分比为近三年相对此前三年的增长；"
                    "★ 为片区规划产业。"),
        "note_en": (f"Patents at confidence ≥ {ctx.settings.headline_threshold}, sensitivity count (≥ "
                    f"{ctx.settings.sensitivity_threshold}) in brackets; % = last 3 filing years vs the 3 before; "
                    "★ = plan industry of the zone."),
        "columns": columns, "rows": rows})
    page.tables["zone_industry"] = matrix
    if ctx.provenance["files"]:
        page.tables["source_files"] = pl.DataFrame(ctx.provenance["files"])
    if "mart.zone_indicator" in ctx.tables:
        districts = to_polars(con.sql("select * from mart.zone_indicator order by district_code"))
        if districts.height:
            page.tables["district_intensity"] = districts
            page.sections.append(district_section(districts))
    guarded(ctx, page, add_trend, con, page)
    guarded(ctx, page, add_signals, con, ctx, page)
    return page


def district_section(districts: pl.DataFrame) -> dict[str, Any]:
    """每万人口发明专利 by district; districts without a population figure show a dash, not a zero."""
    rows = []
    for r in districts.iter_rows(named=True):
        per_10k = r["invention_grants_per_10k"]
        rows.append([cell(r["district_name_zh"] or r["district_code"], sub=r["district_code"]),
                     cell(r["invention_application_count"], sort=r["invention_application_count"], num=True),
                     cell(r["invention_grant_count"], sort=r["invention_grant_count"], num=True),
                     cell(f"{r['population']:,.0f}" if r["population"] else "—", sort=r["population"], num=True),
                     cell(f"{per_10k:.2f}" if per_10k is not None else "—", sort=per_10k, num=True)])
    columns = [("text", "区县", "District"), ("number", "发明申请", "Invention filings"),
               ("number", "发明授权", "Invention grants"), ("number", "人口", "Population"),
               ("number", "每万人口发明授权", "Grants per 10k residents")]
    return {"id": "districts", "kind": "table", "sortable": True, "title_zh": "区县每万人口发明专利",
            "title_en": "Invention patents per 10,000 residents by district",
            "note_zh": "按申请人所在区县统计（不限片区置信度）；人口来自 data/reference/population.csv。",
            "note_en": "By the applicant's district (any zone confidence); population from "
                       "data/reference/population.csv.",
            "columns": [{"type": t, "zh": zh, "en": en} for t, zh, en in columns], "rows": rows}


def matrix_cell(values: dict[str, Any], href: str | None, plan: bool) -> dict[str, Any]:
    count = int(values.get("application_count") or 0)
    sensitivity = int(values.get("application_sensitivity_count") or 0)
    recent, prior = values.get("recent_count"), values.get("prior_count")
    growth = fmt_pct(100.0 * (recent - prior) / prior) if recent is not None and prior else "—"
    return cell(f"{count:,} ({sensitivity:,})", sort=count, num=True, href=href if count else None,
                sub=growth, mark=plan)


# ---------------------------------------------------------------- writing and publishing

def template_environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True)


def navigation(ctx: SiteContext) -> list[dict[str, str]]:
    links = [{"href": f"{slug_for('zone', z)}.html", "zh": n["zh"], "en": n["en"]} for z, n in ctx.zones.items()]
    links += [{"href": f"{slug_for('industry', i)}.html", "zh": n["zh"], "en": n["en"]}
              for i, n in ctx.industries.items()]
    return links


def write_page(env: Any, ctx: SiteContext, page: Page, out_dir: Path, nav: list[dict[str, str]]) -> int:
    from pipeline.render.exports import write_page_exports

    exports = write_page_exports(out_dir, page.slug, page.tables)
    page.sections.append(provenance_section(ctx, page))
    html = env.get_template("page.html").render(
        page=page, sections=page.sections, nav=nav, exports=exports, cutoff=ctx.cutoff,
        headline=ctx.settings.headline_threshold, sensitivity=ctx.settings.sensitivity_threshold,
        generated=ctx.generated, has_charts=any(s["kind"] == "chart" for s in page.sections))
    data = html.encode("utf-8")
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"{page.slug}.html would be {len(data):,} bytes (> 5 MB); lower MAX_POINTS")
    (out_dir / f"{page.slug}.html").write_bytes(data)
    return len(data)


def plan_pages(con: duckdb.DuckDBPyConnection, ctx: SiteContext) -> list[Page]:
    """Zone pages always (all three 片区 appear even when empty); zone × industry and industry pages with data."""
    present = {(s, i) for s, i in con.execute(
        "select distinct scope_code, industry_code from ind_member where in_headline").fetchall()}
    pages = [Page(slug_for("zone", z), n["zh"], n["en"], z, "ALL") for z, n in ctx.zones.items()]
    for zone, names in ctx.zones.items():
        for industry, ind in ctx.industries.items():
            if (zone, industry) in present:
                pages.append(Page(slug_for("zone", zone, industry), f"{names['zh']} · {ind['zh']}",
                                  f"{names['en']} · {ind['en']}", zone, industry))
    for industry, ind in ctx.industries.items():
        pages.append(Page(slug_for("industry", industry), f"重庆{ind['zh']}产业", f"{ind['en']} in Chongqing",
                          "CQ", industry))
    return pages


MAX_NETWORK_EXPORT_BYTES = 200 * 1024 * 1024


def copy_network_exports(settings: Settings, out_dir: Path) -> list[dict[str, Any]]:
    """Copy the networks step's files (GEXF, GraphML, VOSviewer…) into the site so it stays self-contained."""
    from pipeline.render.exports import safe_file_name

    source = settings.output / "exports" / "networks"
    if not source.is_dir():
        return []
    target = out_dir / "exports" / "networks"
    copied, total = [], 0
    for path in sorted(p for p in source.iterdir() if p.is_file()):
        size = path.stat().st_size
        if total + size > MAX_NETWORK_EXPORT_BYTES:
            break
        target.mkdir(parents=True, exist_ok=True)
        suffix = safe_file_name(path.suffix.lstrip("."), "")
        name = safe_file_name(path.stem, "network") + (f".{suffix}" if suffix else "")
        shutil.copyfile(path, target / name)
        total += size
        copied.append({"name": name, "href": f"exports/networks/{name}", "bytes": size})
    return copied


def network_files_section(files: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [[cell(f["name"], href=f["href"]), cell(f"{f['bytes']:,}", sort=f["bytes"], num=True)] for f in files]
    return {"id": "network-files", "kind": "table", "sortable": False, "title_zh": "网络文件下载",
            "title_en": "Network files", "note_zh": "可用 Gephi / VOSviewer 打开。",
            "note_en": "Open with Gephi or VOSviewer.",
            "columns": [{"type": "text", "zh": "文件", "en": "File"}, {"type": "number", "zh": "字节", "en": "Bytes"}],
            "rows": rows}


def build_site(con: duckdb.DuckDBPyConnection, settings: Settings, out_dir: Path) -> dict[str, Any]:
    """Write every page, the assets and the exports into out_dir; return page sizes."""
    from pipeline.analyse.indicators import bind_inputs, build_members
    from pipeline.render.assets import write_assets

    bind_inputs(con)
    build_members(con, settings)
    tables = known_tables(con)
    provenance = load_provenance(con, tables, settings)
    cutoff_value = provenance["cutoff"]["cutoff_date"]
    ctx = SiteContext(settings, tables, load_zones(con, tables), load_industries(con, tables),
                      str(cutoff_value) if cutoff_value else "—", provenance,
                      datetime.now().strftime("%Y-%m-%d %H:%M"))
    asset_sizes = write_assets(out_dir)
    env = template_environment()
    nav = navigation(ctx)
    pages = plan_pages(con, ctx)
    sizes = {}
    for page in pages:
        build_detail_page(con, ctx, page)
        sizes[f"{page.slug}.html"] = write_page(env, ctx, page, out_dir, nav)
    index = build_index(con, ctx, pages)
    network_files = copy_network_exports(settings, out_dir)
    if network_files:
        index.sections.append(network_files_section(network_files))
    sizes["index.html"] = write_page(env, ctx, index, out_dir, nav)
    return {"pages": len(sizes), "page_bytes": sizes, "max_page_bytes": max(sizes.values()),
            "asset_bytes": asset_sizes, "sections_failed": ctx.failures}


def publish_site(staging: Path, site_dir: Path) -> None:
    """Swap the freshly written site in: rename the old one away, rename the new one in, delete the old."""
    old = site_dir.with_name(f".{site_dir.name}-old-{int(time.time() * 1000)}")
    if site_dir.exists():
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)  # put the previous site back rather than leave none
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def render_site(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Render the whole site into a temp dir beside settings.site_dir, then publish it atomically."""
    started = time.monotonic()
    site_dir = settings.site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}-new-{int(time.time() * 1000)}")
    staging.mkdir()
    try:
        summary = build_site(con, settings, staging)
        publish_site(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {**summary, "site": str(site_dir / "index.html"), "seconds": round(time.monotonic() - started, 2)}
