"""Industry labels: a versioned IPC/CPC concordance first, a text model for patents without codes.

Every classification code is mapped to the level-2 industry whose most specific prefix pattern matches it (after
exclusions); codes matching nothing count as OTHER. A patent's score per industry is its weighted share of codes
(main code weight 2, others 1), so labels are multi-label with the main class weighted; the largest share is
primary. Patents with no IPC/CPC codes get the text model's level-1 label (method 'model'); where the model is
confident and disagrees with the codes, every row of the patent is flagged disagrees_with_codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipeline.settings import Settings
from pipeline.sql import run_sql

REFERENCE_FILES = ("industries.csv",)
LEVEL1_CODES = ("AUTO", "BIOMED", "ELEC", "EQUIP", "LOGI", "OTHER")
DISAGREEMENT_MIN_SCORE = 0.8  # the model must be this sure before it contradicts the codes


@dataclass(frozen=True)
class Industry:
    code: str
    level: int
    parent: str | None
    name_zh: str
    name_en: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    source: str
    plan_zones: str
    version: str


def compact_symbol(symbol: str) -> str:
    """'H01M 10/0525' -> 'H01M10/0525': codes and patterns compare without spaces."""
    return symbol.replace(" ", "").upper()


def load_taxonomy(path: Path) -> list[Industry]:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    industries = []
    for row in rows:
        split = lambda v: tuple(compact_symbol(p) for p in (v or "").split("|") if p.strip())  # noqa: E731
        industries.append(
            Industry(
                code=row["industry_code"],
                level=int(row["level"]),
                parent=row["parent_code"] or None,
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                include=split(row["include_patterns"]),
                exclude=split(row["exclude_patterns"]),
                source=row["source"],
                plan_zones=row["plan_zones"],
                version=row["taxonomy_version"],
            )
        )
    return industries


def label_codes(symbols: list[str], industries: list[Industry]) -> dict[str, float]:
    """Pure-Python twin of the SQL concordance for one patent (used by `classify` on CSV input).

    symbols in order; the first is the main code (weight 2). Returns level-1 code -> score.
    """
    weights: dict[str, float] = {}
    level2 = [i for i in industries if i.level == 2]
    parent = {i.code: i.parent for i in level2}
    seen: set[str] = set()
    for position, raw in enumerate(symbols):
        sym = compact_symbol(raw)
        if not sym or sym in seen:
            continue
        seen.add(sym)
        best, best_len = "OTHER.OTHER", -1
        for industry in level2:
            if any(sym.startswith(x) for x in industry.exclude):
                continue
            for pattern in industry.include:
                if sym.startswith(pattern) and len(pattern) > best_len:
                    best, best_len = industry.code, len(pattern)
        code = parent.get(best) or "OTHER"
        weights[code] = weights.get(code, 0.0) + (2.0 if position == 0 else 1.0)
    total = sum(weights.values())
    return {code: round(w / total, 4) for code, w in weights.items()} if total else {}


PATENT_INDUSTRY_COLUMNS = ("patent_id", "industry_code", "level", "score", "method", "is_primary",
                           "taxonomy_version", "model_version", "disagrees_with_codes")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Bulk insert through Arrow (executemany is row-at-a-time and far too slow at 1M rows)."""
    import pyarrow as pa

    if not rows:
        return
    batch = pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})
    con.register("_insert_batch", batch)
    try:
        con.execute(f"insert into {table} by name select * from _insert_batch").fetchall()  # table: our own constant
    finally:
        con.unregister("_insert_batch")


def _load_patterns(con: duckdb.DuckDBPyConnection, industries: list[Industry]) -> None:
    con.execute(
        "create or replace temp table industry_pattern "
        "(industry_code varchar, parent_code varchar, pattern varchar, is_exclude boolean)"
    )
    rows = [
        (i.code, i.parent, p, False) for i in industries if i.level == 2 for p in i.include
    ] + [(i.code, i.parent, p, True) for i in industries if i.level == 2 for p in i.exclude]
    con.executemany("insert into industry_pattern values (?, ?, ?, ?)", rows)


def _write_industry_table(con: duckdb.DuckDBPyConnection, industries: list[Industry]) -> None:
    con.execute(
        "create or replace table enrich.industry (industry_code varchar primary key, level integer, "
        "parent_code varchar, name_zh varchar, name_en varchar, plan_zones varchar, source varchar, "
        "include_patterns varchar, exclude_patterns varchar, taxonomy_version varchar)"
    )
    con.executemany(
        "insert into enrich.industry values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i.code, i.level, i.parent, i.name_zh, i.name_en, i.plan_zones, i.source,
             "|".join(i.include), "|".join(i.exclude), i.version)
            for i in industries
        ],
    )


def ensure_text_model(
    con: duckdb.DuckDBPyConnection, settings: Settings
) -> tuple[Any, dict] | None:
    """Train on the concordance labels unless the persisted model already has this exact training data."""
    from pipeline.enrich import textmodel

    rows = run_sql(con, "enrich/patent_industry_training").fetchall()
    if len({r[3] for r in rows}) < 2:
        return textmodel.load(settings.model_dir)
    ids = [r[0] for r in rows]
    labels = [r[3] for r in rows]
    existing = textmodel.load(settings.model_dir)
    # Fingerprint of all labelled patents (training may use a sample of them): unchanged data, no retraining.
    source_fingerprint = textmodel.fingerprint(ids, labels)
    if existing and existing[1].get("source_fingerprint") == source_fingerprint:
        return existing
    texts = [textmodel.doc_text(r[1], r[2]) for r in rows]
    pipeline, card = textmodel.train(ids, texts, labels)
    card["source_fingerprint"] = source_fingerprint
    card["trained_on"] = "warehouse concordance labels (primary level-1 industry of patents with codes)"
    if existing and "evaluation" in existing[1]:
        card["evaluation"] = existing[1]["evaluation"]  # same pipeline, scored on the held-out real split
    textmodel.save(pipeline, card, settings.model_dir)
    return pipeline, card


def run_industry_enrichment(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    from pipeline.enrich import textmodel
    from pipeline.warehouse.schema import apply_comments

    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    version = industries[0].version
    con.execute("begin transaction")
    try:
        _write_industry_table(con, industries)
        _load_patterns(con, industries)
        run_sql(con, "enrich/industry_codes").fetchall()
        run_sql(con, "enrich/patent_industry_concordance", {"taxonomy_version": version}).fetchall()
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise

    model = ensure_text_model(con, settings)
    missing = run_sql(con, "enrich/patent_without_codes").fetchall()
    flagged = 0
    if model is not None:
        pipeline, card = model
        if missing:
            labels, scores = textmodel.predict(pipeline, [textmodel.doc_text(r[1], r[2]) for r in missing])
            rows = [(r[0], label, 1, s, "model", True, version, card["version"], False)
                    for r, label, s in zip(missing, labels, scores, strict=True)]
        else:
            rows = []
        flagged = _flag_disagreements(con, pipeline, card["version"])
    else:
        # No model can be trained (no labelled text yet): the patent is still labelled, honestly, as OTHER.
        rows = [(r[0], "OTHER", 1, 0.0, "model", True, version, None, False) for r in missing]
    if rows:
        insert_rows(con, "enrich.patent_industry", PATENT_INDUSTRY_COLUMNS, rows)
    apply_comments(con)
    counts = dict(con.execute("select method, count(distinct patent_id) from enrich.patent_industry group by 1")
                  .fetchall())
    return {"taxonomy_version": version, "patents_by_method": counts, "disagreements": flagged,
            "model_version": model[1]["version"] if model else None}


def _flag_disagreements(con: duckdb.DuckDBPyConnection, pipeline: Any, model_version: str) -> int:
    from pipeline.enrich import textmodel

    rows = run_sql(con, "enrich/patent_industry_training").fetchall()
    if not rows:
        return 0
    labels, scores = textmodel.predict(pipeline, [textmodel.doc_text(r[1], r[2]) for r in rows])
    con.execute(
        "create or replace temp table industry_text_prediction "
        "(patent_id varchar, industry_code varchar, score double, code_industry varchar)"
    )
    insert_rows(con, "industry_text_prediction", ("patent_id", "industry_code", "score", "code_industry"),
                [(r[0], label, s, r[3]) for r, label, s in zip(rows, labels, scores, strict=True)])
    run_sql(con, "enrich/patent_industry_flag_disagreement",
            {"model_version": model_version, "min_score": DISAGREEMENT_MIN_SCORE}).fetchall()
    found = con.execute(
        "select count(distinct patent_id) from enrich.patent_industry where disagrees_with_codes").fetchall()
    return int(found[0][0])

