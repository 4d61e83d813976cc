"""Industry labels: a versioned IPC/CPC concordance first, a text model for patents without codes.

Every classification code is mapped to the level-2 industry whose most specific prefix pattern matches it (after
exclusions); codes matching nothing count as OTHER. A patent's score per industry is its weighted share of codes
(main code weight 2, others 1), so labels are multi-label with the main class weighted; the largest share is
primary. Patents with no IPC/CPC codes get the text model's level-1 label (method 'model'); where the model is
confident and disagrees with the codes, every row of the patent is flagged disagrees_with_codes.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import transaction
from pipeline.settings import Settings
from pipeline.sql import fetch_int, read_sql, run_sql

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


def _load_patterns(con: duckdb.DuckDBPyConnection, industries: list[Industry]) -> None:
    run_sql(con, "enrich/industry_pattern_create")
    rows = [
        (i.code, i.parent, p, False) for i in industries if i.level == 2 for p in i.include
    ] + [(i.code, i.parent, p, True) for i in industries if i.level == 2 for p in i.exclude]
    con.executemany(read_sql("enrich/industry_pattern_insert"), rows)


def _write_industry_table(con: duckdb.DuckDBPyConnection, industries: list[Industry]) -> None:
    run_sql(con, "enrich/industry_create")
    con.executemany(
        read_sql("enrich/industry_insert"),
        [
            (i.code, i.level, i.parent, i.name_zh, i.name_en, i.plan_zones, i.source,
             "|".join(i.include), "|".join(i.exclude), i.version)
            for i in industries
        ],
    )


RETRAIN_GROWTH = 0.2  # a night retrains once the labelled set has grown by a fifth since the model was trained


def needs_retraining(card: dict | None, labelled_docs: int, classes: set[str], *, retrain: bool,
                     source_fingerprint: str) -> bool:
    """Whether the text model must be refitted before labelling.

    A nightly run keeps the persisted model (its version stays on every label it made) until the labelled set
    has grown by RETRAIN_GROWTH or gained an industry: refitting on every new week would re-predict the whole
    warehouse each night for a model that barely moved. A full rebuild (retrain=True) refits whenever the
    labelled data differs from what the model saw.
    """
    if card is None:
        return True
    if card.get("source_fingerprint") == source_fingerprint:
        return False
    if retrain:
        return True
    seen = int(card.get("labelled_docs") or card.get("training_docs") or 0)
    known = set(card.get("class_counts") or {})
    return labelled_docs >= seen * (1 + RETRAIN_GROWTH) or not classes <= known


def ensure_text_model(
    con: duckdb.DuckDBPyConnection, settings: Settings, *, retrain: bool = False
) -> tuple[Any, dict] | None:
    """The persisted model, refitted when needs_retraining says so on two teachers: the concordance labels and
    incoPat's 新兴产业分类 mapped to our industries (clfeval.training_rows weighs them)."""
    from pipeline.enrich import clfeval, textmodel

    stats = run_sql(con, "enrich/patent_industry_training_stats").fetchall()
    existing = textmodel.load(settings.model_dir)
    classes = {str(r[0]) for r in stats if r[1] >= 3}  # as textmodel.train: calibration needs 3 per class
    if len(classes) < 2:  # nothing to learn from yet (a small first delivery): keep what there is
        return existing
    labelled_docs = sum(int(r[1]) for r in stats)
    vendor = {str(pid): clfeval.sei_industry([*(labels or []), *(codes or [])])
              for pid, labels, codes in run_sql(con, "enrich/patent_sei_vendor").fetchall()}
    teacher_state = [tuple(map(str, r)) for r in stats] + [("vendor", str(sum(v is not None for v in vendor.values())))]
    source_fingerprint = hashlib.sha256(repr(teacher_state).encode()).hexdigest()
    if not needs_retraining(existing[1] if existing else None, labelled_docs, classes, retrain=retrain,
                            source_fingerprint=source_fingerprint):
        return existing
    rows = run_sql(con, "enrich/patent_industry_training").fetchall()
    docs = [clfeval.Doc(str(r[0]), "", "warehouse", textmodel.doc_text(r[1], r[2]), str(r[3]), vendor.get(str(r[0])))
            for r in rows]
    ids, texts, labels, weights, concordance_weight = clfeval.training_rows(docs, range(len(docs)))
    pipeline, card = textmodel.train(ids, texts, labels, weights=weights)
    card["source_fingerprint"] = source_fingerprint
    card["labelled_docs"] = labelled_docs
    card["trained_on"] = ("warehouse, two teachers: concordance labels (primary level-1 industry of patents with "
                          f"codes; weight {concordance_weight}) and incoPat 新兴产业分类 via sei_to_industry.csv "
                          f"(weight {clfeval.VENDOR_WEIGHT}; {sum(d.sei is not None for d in docs)} patents)")
    if existing and "evaluation" in existing[1]:
        card["evaluation"] = existing[1]["evaluation"]  # same pipeline, scored on the held-out real split
    textmodel.save(pipeline, card, settings.model_dir)
    return pipeline, card


def run_industry_enrichment(con: duckdb.DuckDBPyConnection, settings: Settings, retrain: bool = False
                            ) -> dict[str, Any]:
    from pipeline.enrich.sei_labels import build_patent_sei
    from pipeline.warehouse.schema import apply_comments

    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    version = industries[0].version
    with transaction(con):
        _write_industry_table(con, industries)
        _load_patterns(con, industries)
        run_sql(con, "enrich/industry_codes").fetchall()
        run_sql(con, "enrich/patent_industry_concordance", {"taxonomy_version": version}).fetchall()
        sei_sources = build_patent_sei(con, settings.reference_dir)

    model = ensure_text_model(con, settings, retrain=retrain)
    params = {"taxonomy_version": version, "model_version": model[1]["version"] if model else None,
              "min_score": DISAGREEMENT_MIN_SCORE}
    with transaction(con):
        run_sql(con, "enrich/text_prediction_create")
        run_sql(con, "enrich/text_prediction_documents")
        if model is not None:
            predicted = _predict_new_texts(con, *model, workers=settings.predict_workers)
            run_sql(con, "enrich/text_prediction_join", params)
            run_sql(con, "enrich/patent_industry_model_label", params).fetchall()
            run_sql(con, "enrich/patent_industry_flag_disagreement", params).fetchall()
        else:
            # No model can be trained (no labelled text yet): the patent is still labelled, honestly, as OTHER.
            predicted = 0
            run_sql(con, "enrich/patent_industry_other_label", params).fetchall()
    apply_comments(con)
    counts = dict(run_sql(con, "enrich/patent_industry_method_counts").fetchall())
    flagged = fetch_int(run_sql(con, "enrich/patent_industry_disagreement_count"))
    return {"taxonomy_version": version, "patents_by_method": counts, "sei_patents_by_source": sei_sources,
            "disagreements": int(flagged),
            "model_version": params["model_version"], "texts_predicted": predicted}


def _predict_new_texts(con: duckdb.DuckDBPyConnection, pipeline: Any, card: dict, workers: int = 0) -> int:
    """Predict the texts enrich.text_prediction lacks for this model version; returns how many. `workers`
    processes score them when there are many (0: one per core)."""
    import pyarrow as pa

    from pipeline.enrich import textmodel
    from pipeline.enrich.parallel import worker_count

    run_sql(con, "enrich/text_prediction_prune", {"model_version": card["version"]}).fetchall()
    missing = run_sql(con, "enrich/text_prediction_missing", {"model_version": card["version"]}).fetchall()
    if not missing:
        return 0
    labels, scores = textmodel.predict(pipeline, [textmodel.doc_text(r[1], r[2]) for r in missing],
                                       workers=worker_count(workers))
    batch = pa.table({"doc_hash": [r[0] for r in missing], "industry_code": labels, "score": scores})
    con.register("_new_prediction", batch)
    try:
        run_sql(con, "enrich/text_prediction_insert", {"model_version": card["version"]}).fetchall()
    finally:
        con.unregister("_new_prediction")
    return len(missing)
