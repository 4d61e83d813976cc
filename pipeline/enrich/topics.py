"""Topics per industry and landscape coordinates.

Documents (title + abstract) are vectorised with the persisted landscape map's TF-IDF; its SVD embedding is
clustered per primary level-1 industry with MiniBatchKMeans, k chosen by silhouette on a sample. Topics are
labelled with class-based TF-IDF over phrase terms (bigrams preferred, boilerplate dropped), separately for
Chinese and English terms. Coordinates already in enrich.patent_topic for the same map version are kept;
new documents are placed with the map's transform.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import duckdb

from pipeline.settings import Settings
from pipeline.sql import run_sql

K_RANGE = (2, 10)
SILHOUETTE_SAMPLE = 2000
MIN_DOCS_FOR_CLUSTERS = 30
_CJK = re.compile(r"[\u4e00-\u9fff]")


def choose_k(embedded: Any, seed: int = 7) -> int:
    """Best silhouette over a small k range, on a sample (silhouette is quadratic in n)."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = embedded.shape[0]
    if n < MIN_DOCS_FOR_CLUSTERS:
        return 1
    rng = np.random.default_rng(seed)
    sample = embedded[rng.choice(n, min(n, SILHOUETTE_SAMPLE), replace=False)]
    best_k, best_score = 1, -1.0
    for k in range(K_RANGE[0], min(K_RANGE[1], max(2, n // 15)) + 1):
        # plain k-means is cheap on a sample of a few thousand; MiniBatchKMeans is kept for the full set
        labels = KMeans(n_clusters=k, random_state=seed, n_init=1, max_iter=100).fit_predict(sample)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(sample, labels, random_state=seed))
        if score > best_score:
            best_k, best_score = k, score
    return best_k


def cluster(embedded: Any, k: int, seed: int = 7) -> Any:
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    if k <= 1:
        return np.zeros(embedded.shape[0], dtype=np.int32)
    model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
    return model.fit_predict(embedded)


def class_tfidf(matrix: Any, labels: Any, k: int) -> Any:
    """c-TF-IDF (BERTopic style): per-cluster term mass x log(1 + mean cluster mass / term mass)."""
    import numpy as np
    import scipy.sparse as sp

    membership = sp.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    per_class = np.asarray((membership @ matrix).todense())
    term_total = per_class.sum(axis=0) + 1e-9
    average = per_class.sum() / max(k, 1)
    tf = per_class / (per_class.sum(axis=1, keepdims=True) + 1e-9)
    return tf * np.log1p(average / term_total)


def label_terms(scores: Any, vocabulary: Sequence[str], top: int = 12) -> tuple[str, str, list[str]]:
    """(label_zh, label_en, top terms): phrases preferred, a word dropped when a chosen phrase contains it."""
    order = scores.argsort()[::-1][:400]
    candidates = [(vocabulary[i], float(scores[i])) for i in order if scores[i] > 0]

    def is_phrase(term: str) -> bool:
        return " " in term or (bool(_CJK.match(term)) and len(term) >= 4)

    def pick(terms: list[tuple[str, float]], count: int) -> list[str]:
        ranked = sorted(terms, key=lambda t: -t[1] * (2.5 if is_phrase(t[0]) else 1.0))
        chosen: list[str] = []
        for term, _ in ranked:
            if any(term in c or c in term for c in chosen):
                continue
            chosen.append(term)
            if len(chosen) == count:
                break
        return chosen

    zh = pick([c for c in candidates if _CJK.match(c[0])], 2)
    en = pick([c for c in candidates if not _CJK.match(c[0])], 2)
    label_en = " / ".join(en) if en else "、".join(zh)
    label_zh = "、".join(zh) if zh else label_en
    return label_zh, label_en, pick(candidates, top)


def growth_pct(years: Sequence[int | None], last_year: int) -> float | None:
    """Documents filed in the last 3 years vs the 3 before, as a percentage change (None if no base)."""
    recent = sum(1 for y in years if y is not None and last_year - 2 <= y <= last_year)
    previous = sum(1 for y in years if y is not None and last_year - 5 <= y <= last_year - 3)
    return None if previous == 0 else round(100.0 * (recent - previous) / previous, 1)


def _load_documents(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return run_sql(con, "enrich/topic_documents").fetchall()


def _existing_coordinates(con: duckdb.DuckDBPyConnection, map_version: str) -> dict[str, tuple[float, float]]:
    found = con.execute("select count(*) from duckdb_columns() where schema_name = 'enrich' "
                        "and table_name = 'patent_topic' and column_name = 'map_version'").fetchall()
    if not found[0][0]:
        return {}
    rows = con.execute("select patent_id, x, y from enrich.patent_topic where map_version = $v",
                       {"v": map_version}).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def run_topics(con: duckdb.DuckDBPyConnection, settings: Settings, refit: bool = False) -> dict[str, Any]:
    import numpy as np

    from pipeline.enrich import landscape
    from pipeline.enrich.textmodel import doc_text
    from pipeline.warehouse.schema import apply_comments

    docs = _load_documents(con)
    if not docs:
        return {"documents": 0}
    ids = [d[0] for d in docs]
    texts = [doc_text(d[1], d[2]) for d in docs]
    industries = np.array([d[3] for d in docs])
    years = [d[4] for d in docs]

    landscape_map = None if refit else landscape.load_map(settings.model_dir)
    refitted = landscape_map is None
    if landscape_map is None:
        landscape_map = landscape.fit_map(texts)
        landscape.save_map(landscape_map, settings.model_dir)
    matrix = landscape_map.vectorize(texts)
    embedded = landscape_map.embed_matrix(matrix)
    xy = landscape_map.project(embedded)
    kept = {} if refitted else _existing_coordinates(con, landscape_map.version)
    for row, pid in enumerate(ids):
        if pid in kept:  # earlier documents never move between nightly runs
            xy[row] = kept[pid]
    vocabulary = landscape_map.vectorizer.get_feature_names_out()
    last_year = max((y for y in years if y is not None), default=0)

    topic_rows: list[tuple] = []
    topic_of = np.empty(len(ids), dtype=object)
    for industry in sorted(set(industries.tolist())):
        rows = np.flatnonzero(industries == industry)
        k = choose_k(embedded[rows])
        labels = cluster(embedded[rows], k)
        k = int(labels.max()) + 1
        weights = class_tfidf(matrix[rows], labels, k)
        for c in range(k):
            members = rows[labels == c]
            if len(members) == 0:
                continue
            topic_id = f"{industry}-{c + 1:02d}"
            topic_of[members] = topic_id
            label_zh, label_en, terms = label_terms(weights[c], vocabulary)
            cx, cy = np.median(xy[members], axis=0)
            topic_rows.append((topic_id, industry, label_zh, label_en, "|".join(terms), len(members),
                               growth_pct([years[i] for i in members], last_year), float(cx), float(cy)))

    con.execute("begin transaction")
    try:
        _write_tables(con, topic_rows, ids, topic_of, xy, landscape_map.version)
        contours = _write_landscape(con, industries, xy, topic_rows)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    apply_comments(con)
    return {"documents": len(ids), "topics": len(topic_rows), "map_version": landscape_map.version,
            "refitted": refitted, "kept_coordinates": len(kept), "contour_levels": contours}


def _write_tables(con: duckdb.DuckDBPyConnection, topic_rows: list[tuple], ids: list[str], topic_of: Any,
                  xy: Any, map_version: str) -> None:
    import pyarrow as pa

    con.execute("create or replace table enrich.topic (topic_id varchar primary key, industry_code varchar, "
                "label_zh varchar, label_en varchar, top_terms varchar, size integer, growth_pct double, "
                "x double, y double)")
    names = ("topic_id", "industry_code", "label_zh", "label_en", "top_terms", "size", "growth_pct", "x", "y")
    topics = pa.table({n: [r[i] for r in topic_rows] for i, n in enumerate(names)})
    con.register("_topics", topics)
    con.execute("insert into enrich.topic by name select * from _topics").fetchall()
    con.unregister("_topics")
    con.execute("create or replace table enrich.patent_topic (patent_id varchar primary key, topic_id varchar, "
                "x double, y double, map_version varchar)")
    placed = pa.table({"patent_id": ids, "topic_id": topic_of.tolist(), "x": xy[:, 0].astype(float),
                       "y": xy[:, 1].astype(float), "map_version": [map_version] * len(ids)})
    con.register("_placed", placed)
    con.execute("insert into enrich.patent_topic by name select * from _placed").fetchall()
    con.unregister("_placed")


def _write_landscape(con: duckdb.DuckDBPyConnection, industries: Any, xy: Any, topic_rows: list[tuple]) -> int:
    import json

    import numpy as np

    from pipeline.enrich.landscape import density_contours

    # One frame for every industry so the maps overlay; 1st-99th percentile keeps outliers from squashing it.
    x0, x1 = np.percentile(xy[:, 0], [1, 99]) if len(xy) else (0.0, 1.0)
    y0, y1 = np.percentile(xy[:, 1], [1, 99]) if len(xy) else (0.0, 1.0)
    pad_x, pad_y = (x1 - x0) * 0.05 + 1e-6, (y1 - y0) * 0.05 + 1e-6
    bounds = (float(x0 - pad_x), float(x1 + pad_x), float(y0 - pad_y), float(y1 + pad_y))
    contour_rows = []
    for industry in ["ALL", *sorted(set(industries.tolist()))]:
        rows = np.arange(len(industries)) if industry == "ALL" else np.flatnonzero(industries == industry)
        for level_index, level, polygons in density_contours(xy[rows, 0], xy[rows, 1], bounds):
            for polygon in polygons:
                contour_rows.append((industry, level_index, level, json.dumps(polygon)))
    con.execute("create or replace table enrich.landscape_contour (industry_code varchar, level_index integer, "
                "density double, polygon_json varchar)")
    if contour_rows:
        con.executemany("insert into enrich.landscape_contour values (?, ?, ?, ?)", contour_rows)
    con.execute("create or replace table enrich.landscape_peak (industry_code varchar, topic_id varchar, "
                "x double, y double, label_zh varchar, label_en varchar)")
    peaks = [(r[1], r[0], r[7], r[8], r[2], r[3]) for r in topic_rows]
    if peaks:
        con.executemany("insert into enrich.landscape_peak values (?, ?, ?, ?, ?, ?)", peaks)
    return len({(r[0], r[1]) for r in contour_rows})
