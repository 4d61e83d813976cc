"""Does the map hold across languages? Each bilingual record goes in twice (its Chinese and its English
version); a language-independent map puts the two in the same topic and close together.

Measures (issue 13): the share of pairs whose two versions fall in the same topic, and the median 2-D map
distance within a pair divided by the median distance between random documents of the same industry (0 = the
versions coincide, 1 = no closer than chance).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.enrich.cn_samples import CnRecord


def pair_docs(records: Sequence[CnRecord], with_codes: bool) -> tuple[list[str], list[str]]:
    """(Chinese documents, English documents), aligned by record."""
    from pipeline.enrich.landscape import map_doc

    zh = [map_doc(r.title, r.abstract, r.codes if with_codes else None) for r in records]
    en = [map_doc(r.title_en, r.abstract_en, r.codes if with_codes else None) for r in records]
    return zh, en


def topics_per_industry(embedded: Any, industries: Any, seed: int = 7) -> Any:
    """Topic of every row, clustered per industry exactly as the topics step does (k by silhouette)."""
    import numpy as np

    from pipeline.enrich.topics import choose_k, cluster

    topic = np.empty(len(industries), dtype=object)
    for industry in sorted(set(industries.tolist())):
        rows = np.flatnonzero(industries == industry)
        labels = cluster(embedded[rows], choose_k(embedded[rows], seed), seed)
        topic[rows] = [f"{industry}-{int(c)}" for c in labels]
    return topic


def measure(records: Sequence[CnRecord], industries_of: Sequence[str], background: Sequence[str] = (),
            background_industries: Sequence[str] = (), with_codes: bool = True, seed: int = 7,
            analyzer: Any = None) -> dict[str, Any]:
    """Fit a map on both versions of every record (plus background documents of other sources), cluster, and
    return the two figures with their ingredients."""
    import numpy as np

    from pipeline.enrich.landscape import fit_map

    zh, en = pair_docs(records, with_codes)
    docs = zh + en + list(background)
    industries = np.array([*industries_of, *industries_of, *background_industries], dtype=object)
    fitted = fit_map(docs, seed=seed, **({"analyzer": analyzer} if analyzer else {}))
    embedded = fitted.embed(docs)
    xy = fitted.project(embedded)
    topic = topics_per_industry(embedded, industries, seed)
    n = len(records)
    same_topic = float(np.mean(topic[:n] == topic[n:2 * n]))
    pair = np.linalg.norm(xy[:n] - xy[n:2 * n], axis=1)
    rng = np.random.default_rng(seed)
    random_distances = []
    for industry in sorted(set(industries.tolist())):
        rows = np.flatnonzero(industries == industry)
        if len(rows) < 2:
            continue
        a, b = rng.choice(rows, 2000), rng.choice(rows, 2000)
        keep = a != b
        random_distances.append(np.linalg.norm(xy[a[keep]] - xy[b[keep]], axis=1))
    random_median = float(np.median(np.concatenate(random_distances)))
    return {"pairs": n, "documents": len(docs), "same_topic": round(same_topic, 4),
            "median_pair_distance": round(float(np.median(pair)), 4),
            "median_random_same_industry": round(random_median, 4),
            "distance_ratio": round(float(np.median(pair)) / random_median, 4) if random_median else None,
            "topics": len(set(topic.tolist()))}
