"""Topics per industry and landscape coordinates.

Documents (title + abstract + IPC/CPC codes) are vectorised with the persisted landscape map (language-independent
terms: pipeline.enrich.mapvector); its SVD embedding is clustered per primary level-1 industry with
MiniBatchKMeans, k chosen by silhouette on a sample. Topics are labelled in both languages from class-based TF-IDF
over phrase terms (pipeline.enrich.topiclabels). Coordinates already in enrich.patent_topic for the same map
version are kept; new documents are placed with the map's transform.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from pipeline.db import transaction
from pipeline.enrich.bridge import split_codes
from pipeline.enrich.parallel import map_chunks, worker_count
from pipeline.enrich.textmodel import doc_text, tokenize
from pipeline.enrich.topiclabels import bilingual_label
from pipeline.settings import Settings
from pipeline.sql import fetch_int, read_sql, run_sql

log = logging.getLogger(__name__)

K_RANGE = (2, 10)
# A full build clusters and labels at most this many documents (a sample stratified by industry); the others
# are placed on the map and in their nearest topic, in one process per core, as a night places new ones.
MAX_CLUSTER_DOCS = 300_000
MIN_SAMPLE_PER_INDUSTRY = 1_000  # a small industry keeps this many (or all) documents in the sample
PLACE_CHUNK = 50_000
SILHOUETTE_SAMPLE = 2000
MIN_DOCS_FOR_CLUSTERS = 30


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


def growth_pct(years: Sequence[int | None], last_year: int) -> float | None:
    """Documents filed in the last 3 years vs the 3 before, as a percentage change (None if no base).

    The step computes this in SQL (sql/enrich/topic_refresh_members.sql); this twin states the rule and is
    tested equal to it."""
    recent = sum(1 for y in years if y is not None and last_year - 2 <= y <= last_year)
    previous = sum(1 for y in years if y is not None and last_year - 5 <= y <= last_year - 3)
    return None if previous == 0 else round(100.0 * (recent - previous) / previous, 1)


TOPIC_MODEL_FILE = "topic_model.joblib"
TOPIC_RULES_VERSION = "3"  # 3: bridged map with codes, bilingual labels


@dataclass
class TopicModel:
    """Centroids of the fitted topics in the map's embedded space, per industry, so a night assigns new
    documents to the nearest existing topic instead of re-clustering (topic ids and labels stay put)."""

    map_version: str
    rules_version: str  # TOPIC_RULES_VERSION at fitting time; bump it when clustering or labelling changes
    centroids: dict[str, tuple[list[str], Any]]  # industry -> (topic ids, k x dims float32)

    def assign(self, industry: str, embedded: Any) -> list[str] | None:
        """Nearest topic of each row; None when the industry had no documents at fitting time."""
        import numpy as np

        if industry not in self.centroids:
            return None
        topic_ids, centres = self.centroids[industry]
        # |a - c|^2 = |a|^2 - 2 a.c + |c|^2; |a|^2 is the same for every centre, so n x k memory, not n x k x dims
        distance = (centres**2).sum(axis=1)[None, :] - 2.0 * (embedded @ centres.T)
        return [topic_ids[i] for i in np.asarray(distance.argmin(axis=1)).tolist()]


def load_topic_model(model_dir: Any) -> TopicModel | None:
    """The persisted topic model; None (so the step re-clusters) when it is missing or cannot be read."""
    from pipeline.enrich.landscape import load_model_file

    try:
        found: TopicModel | None = load_model_file(model_dir, TOPIC_MODEL_FILE)
    except Exception as exc:  # a damaged or foreign file costs a re-clustering, never the night
        log.warning("topic model %s unreadable (%s); re-clustering", model_dir / TOPIC_MODEL_FILE, exc)
        return None
    return found


def run_topics(con: duckdb.DuckDBPyConnection, settings: Settings, refit: bool = False,
               recluster: bool = False) -> dict[str, Any]:
    """Place new documents on the map and in their nearest topic; re-cluster only when there is no usable
    topic model (first run, refitted map, new TOPIC_RULES_VERSION, a new industry) or when asked."""
    from pipeline.enrich import landscape
    from pipeline.enrich.landscape import map_doc
    from pipeline.warehouse.schema import apply_comments

    run_sql(con, "enrich/topic_documents")
    documents = fetch_int(run_sql(con, "enrich/topic_document_count"))
    if not documents:
        return {"documents": 0}
    landscape_map = None if refit else landscape.load_map(settings.model_dir)
    refitted = landscape_map is None
    if landscape_map is None:
        rows = landscape.fit_sample(run_sql(con, "enrich/topic_documents_all").fetchall())
        landscape_map = landscape.fit_map([map_doc(r[1], r[2], r[6]) for r in rows])
        landscape.save_map(landscape_map, settings.model_dir)
    model = None if (refitted or recluster) else load_topic_model(settings.model_dir)
    usable = (model is not None and getattr(model, "rules_version", None) == TOPIC_RULES_VERSION
              and model.map_version == landscape_map.version and _has_patent_topic_hashes(con))
    changed = (run_sql(con, "enrich/topic_documents_changed", {"map_version": landscape_map.version}).fetchall()
               if usable else [])
    fitted: TopicModel | None = None
    topic_rows: list[tuple] = []
    if usable and model is not None and all(r[3] in model.centroids for r in changed):
        placed = _place_changed(changed, landscape_map, model)
    else:
        placed, fitted, topic_rows = _cluster_all(con, landscape_map, worker_count(settings.predict_workers))
    mode = "incremental" if fitted is None else "full"
    with transaction(con):
        if fitted is not None:
            _write_topics(con, topic_rows)
        _write_placements(con, placed, landscape_map.version, replace_all=fitted is not None)
        run_sql(con, "enrich/topic_refresh_members").fetchall()
        contours = _write_landscape(con)
    if fitted is not None:  # only once the topics it describes are committed
        landscape.save_model_file(fitted, settings.model_dir, TOPIC_MODEL_FILE)
    apply_comments(con)
    topics = fetch_int(run_sql(con, "enrich/topic_nonempty_count"))
    log.info("topics: %s; %d of %d documents (re)placed, the rest kept", mode, len(placed["patent_id"]), documents)
    return {"documents": documents, "placed": len(placed["patent_id"]),
            "kept_coordinates": documents - len(placed["patent_id"]), "topics": topics,
            "map_version": landscape_map.version, "refitted": refitted, "contour_levels": contours, "mode": mode}


def _has_patent_topic_hashes(con: duckdb.DuckDBPyConnection) -> bool:
    found = fetch_int(run_sql(con, "enrich/patent_topic_has_doc_hash"))
    return bool(found)


def _place_changed(changed: list[tuple], landscape_map: Any, model: TopicModel) -> dict[str, Any]:
    """Coordinates and nearest topic of new or edited documents; every other document keeps its place."""
    import numpy as np

    if not changed:
        return _placement_columns([], [], np.zeros((0, 2)), [])
    embedded = landscape_map.embed([(doc_text(r[1], r[2]), tuple(split_codes(r[5]))) for r in changed])
    xy = landscape_map.project(embedded)
    industries = np.array([r[3] for r in changed], dtype=object)
    topic_of = np.empty(len(changed), dtype=object)
    for industry in sorted(set(industries.tolist())):
        rows = np.flatnonzero(industries == industry)
        topic_of[rows] = model.assign(industry, embedded[rows])
    return _placement_columns([r[0] for r in changed], topic_of.tolist(), xy, [r[4] for r in changed])


def _placement_columns(ids: list[str], topic_ids: list[str], xy: Any, hashes: list[str]) -> dict[str, Any]:
    return {"patent_id": ids, "topic_id": topic_ids, "x": xy[:, 0].astype(float).tolist(),
            "y": xy[:, 1].astype(float).tolist(), "doc_hash": hashes}


def _cluster_all(con: duckdb.DuckDBPyConnection, landscape_map: Any, workers: int = 1
                 ) -> tuple[dict[str, Any], TopicModel, list[tuple]]:
    """Cluster the documents per industry (k by silhouette), all of them up to MAX_CLUSTER_DOCS, else a
    stratified sample with the rest placed in their nearest topic; return the placements, the centroids and
    the topic rows (id, industry, labels, terms) for the caller to write in its transaction."""
    import numpy as np

    docs = run_sql(con, "enrich/topic_documents_all").fetchall()
    if len(docs) <= MAX_CLUSTER_DOCS:
        return _cluster_docs(docs, landscape_map)
    sample = stratified_sample([d[3] for d in docs], MAX_CLUSTER_DOCS, MIN_SAMPLE_PER_INDUSTRY)
    placed, model, topic_rows = _cluster_docs([docs[i] for i in sample], landscape_map)
    in_sample = np.zeros(len(docs), dtype=bool)
    in_sample[sample] = True
    rest = np.flatnonzero(~in_sample)
    # rows in the shape of enrich/topic_documents_changed: id, title, abstract, industry, hash, codes
    chunks = ([(d[0], d[1], d[2], d[3], d[5], d[6]) for d in (docs[i] for i in rest[start:start + PLACE_CHUNK])]
              for start in range(0, len(rest), PLACE_CHUNK))
    for part in map_chunks(_place_chunk, (landscape_map, model), chunks, workers):
        for key, values in part.items():
            placed[key].extend(values)
    return placed, model, topic_rows


def stratified_sample(industries: Sequence[str], size: int, floor: int, seed: int = 7) -> Any:
    """Sorted row numbers of about `size` rows: each industry in proportion, and at least `floor` of it (or all
    of it) so a small industry still gets its own topics."""
    import numpy as np

    rng = np.random.default_rng(seed)
    labels = np.asarray(industries, dtype=object)
    share = size / len(labels)
    picked = []
    for industry in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == industry)
        take = min(len(rows), max(floor, round(len(rows) * share)))
        picked.append(rng.choice(rows, take, replace=False) if take < len(rows) else rows)
    return np.sort(np.concatenate(picked))


def _place_chunk(state: tuple[Any, TopicModel], rows: list[tuple]) -> dict[str, Any]:
    landscape_map, model = state
    return _place_changed(rows, landscape_map, model)


def _cluster_docs(docs: list[tuple], landscape_map: Any) -> tuple[dict[str, Any], TopicModel, list[tuple]]:
    import numpy as np

    from pipeline.enrich.mapvector import is_chinese

    ids = [d[0] for d in docs]
    hashes = [d[5] for d in docs]
    # Equal texts (family members, repeated titles) are vectorised once: segmentation is the costly part, and
    # each unique text is segmented once for both the map terms and the label phrases.
    first_of: dict[str, int] = {}
    inverse = np.array([first_of.setdefault(h, len(first_of)) for h in hashes], dtype=np.int64)
    unique_rows = np.unique(inverse, return_index=True)[1]
    tokens = [tokenize(doc_text(docs[i][1], docs[i][2])) for i in unique_rows]
    unique_matrix = landscape_map.vectorize([(t, tuple(split_codes(docs[i][6])))
                                             for t, i in zip(tokens, unique_rows, strict=True)])
    embedded = landscape_map.embed_matrix(unique_matrix)[inverse]
    phrases, vocabulary = label_matrix(tokens)
    phrases = phrases[inverse]
    chinese = np.array([is_chinese(t) for t in tokens], dtype=bool)[inverse]
    xy = landscape_map.project(embedded)
    industries = np.array([d[3] for d in docs])
    topic_rows: list[tuple] = []
    topic_of = np.empty(len(ids), dtype=object)
    centroids: dict[str, tuple[list[str], Any]] = {}
    for industry in sorted(set(industries.tolist())):
        rows = np.flatnonzero(industries == industry)
        labels = cluster(embedded[rows], choose_k(embedded[rows]))
        k = int(labels.max()) + 1
        weights = class_tfidf(phrases[rows], labels, k)
        topic_ids, centres = [], []
        for c in range(k):
            members = rows[labels == c]
            if len(members) == 0:
                continue
            topic_id = f"{industry}-{c + 1:02d}"
            topic_of[members] = topic_id
            topic_ids.append(topic_id)
            centres.append(embedded[members].mean(axis=0))
            label_zh, label_en, terms = bilingual_label(weights[c], vocabulary, float(chinese[members].mean()),
                                                        (f"{industry} 主题 {c + 1}", f"{industry} topic {c + 1}"))
            topic_rows.append((topic_id, industry, label_zh, label_en, "|".join(terms)))
        centroids[str(industry)] = (topic_ids, np.vstack(centres).astype(np.float32))
    model = TopicModel(landscape_map.version, TOPIC_RULES_VERSION, centroids)
    return _placement_columns(ids, topic_of.tolist(), xy, hashes), model, topic_rows


def label_matrix(tokens: list[list[str]]) -> tuple[Any, Any]:
    """Phrase-term counts of every document (rows) for labelling, and their vocabulary."""
    from sklearn.feature_extraction.text import CountVectorizer

    from pipeline.enrich.landscape import phrase_terms

    vectorizer = CountVectorizer(analyzer=phrase_terms, min_df=2, max_df=0.5, max_features=100_000)
    try:
        matrix = vectorizer.fit_transform(tokens).tocsr()
    except ValueError:  # too few documents for min_df: every phrase counts
        vectorizer = CountVectorizer(analyzer=phrase_terms)
        matrix = vectorizer.fit_transform(tokens).tocsr()
    return matrix, vectorizer.get_feature_names_out()


def _write_topics(con: duckdb.DuckDBPyConnection, topic_rows: list[tuple]) -> None:
    import pyarrow as pa

    names = ("topic_id", "industry_code", "label_zh", "label_en", "top_terms")
    run_sql(con, "enrich/topic_create")
    con.register("_topics", pa.table({n: [r[i] for r in topic_rows] for i, n in enumerate(names)}))
    try:
        run_sql(con, "enrich/topic_insert").fetchall()
    finally:
        con.unregister("_topics")


def _write_placements(con: duckdb.DuckDBPyConnection, placed: dict[str, Any], map_version: str, *,
                      replace_all: bool) -> None:
    import pyarrow as pa

    if replace_all or not _has_patent_topic_hashes(con):
        run_sql(con, "enrich/patent_topic_create")
    table = pa.table({**placed, "map_version": [map_version] * len(placed["patent_id"])},
                     schema=pa.schema([("patent_id", pa.string()), ("topic_id", pa.string()), ("x", pa.float64()),
                                       ("y", pa.float64()), ("doc_hash", pa.string()),
                                       ("map_version", pa.string())]))
    con.register("_placed", table)
    try:
        run_sql(con, "enrich/patent_topic_delete_stale").fetchall()
        run_sql(con, "enrich/patent_topic_insert").fetchall()
    finally:
        con.unregister("_placed")


def _write_landscape(con: duckdb.DuckDBPyConnection) -> int:
    """Density contours of every industry (and ALL) over one frame, and the topic peaks."""
    import json

    import numpy as np

    from pipeline.enrich.landscape import density_contours

    points = run_sql(con, "enrich/landscape_points").fetchnumpy()
    industries = np.asarray(points["industry_code"], dtype=object)
    xy = np.column_stack([np.asarray(points["x"], dtype=float), np.asarray(points["y"], dtype=float)])
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
    run_sql(con, "enrich/landscape_contour_create")
    if contour_rows:
        con.executemany(read_sql("enrich/landscape_contour_insert"), contour_rows)
    run_sql(con, "enrich/landscape_peak")
    return len({(r[0], r[1]) for r in contour_rows})
