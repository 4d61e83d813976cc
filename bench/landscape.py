"""Benchmark: classification + topics + landscape map on N documents (default 200k). Target <= 5 min, <= 6 GB.

Documents are replicated real titles/abstracts (Lens, PatentsView, cn_patent_text_cpc) with per-copy word dropout
so copies differ, plus pipeline.synth text when that package provides a generator. Prints wall time per stage,
each as a ratio to a baseline measured in the same run (plain scikit-learn TF-IDF fit on the same documents),
and the process's peak RSS.

    .venv/bin/python bench/landscape.py [--docs 200000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def build_corpus(n: int, seed: int = 7) -> tuple[list[str], list[str], list[str], list[int]]:
    import numpy as np

    from pipeline.commands.classify import _labelled_samples
    from pipeline.enrich.textmodel import doc_text
    from pipeline.settings import load_settings

    samples, labels = _labelled_samples(load_settings())
    rng = np.random.default_rng(seed)
    base = [doc_text(s.title, s.abstract).split() for s in samples]
    ids, texts, out_labels, years = [], [], [], []
    for i in range(n):
        j = int(rng.integers(len(base)))
        words = base[j]
        keep = rng.random(len(words)) > 0.15 if len(words) > 4 else np.ones(len(words), dtype=bool)
        ids.append(f"B{i:07d}")
        texts.append(" ".join(w for w, k in zip(words, keep, strict=True) if k))
        out_labels.append(labels[j])
        years.append(int(rng.integers(2012, 2025)))
    return ids, texts, out_labels, years


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200_000)
    args = parser.parse_args()
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from pipeline.enrich import landscape, textmodel, topiclabels, topics

    timings: dict[str, float] = {}
    start = time.perf_counter()
    ids, texts, labels, years = build_corpus(args.docs)
    timings["corpus"] = time.perf_counter() - start

    start = time.perf_counter()
    TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(texts)
    baseline = time.perf_counter() - start
    timings["baseline_tfidf"] = baseline

    start = time.perf_counter()
    pipeline, card = textmodel.train(ids, texts, labels)
    predicted, _ = textmodel.predict(pipeline, texts)
    timings["classify_train_predict"] = time.perf_counter() - start
    agreement = float(np.mean(np.array(predicted) == np.array(labels)))

    start = time.perf_counter()
    # as the topics step does: each text segmented once, for the map terms and the label phrases
    tokens = [(textmodel.tokenize(t), ()) for t in texts]
    old, new = tokens[: int(len(tokens) * 0.99)], tokens[int(len(tokens) * 0.99):]
    fitted = landscape.fit_map(old)
    matrix = fitted.vectorize(tokens)
    embedded = fitted.embed_matrix(matrix)
    xy = fitted.project(embedded)
    timings["map_fit_place"] = time.perf_counter() - start
    before = fitted.project(embedded[: len(old)])
    m = min(20_000, len(old))
    placed_again = fitted.transform(old[:m] + new)  # nightly increment: new 1% placed, old re-derived
    disparity = landscape.procrustes_disparity(before[:m], placed_again[:m])

    start = time.perf_counter()
    industries = np.array(predicted)
    phrases, vocabulary = topics.label_matrix([t for t, _ in tokens])
    labels_out = []
    for industry in sorted(set(predicted)):
        rows = np.flatnonzero(industries == industry)
        k = topics.choose_k(embedded[rows])
        assignment = topics.cluster(embedded[rows], k)
        weights = topics.class_tfidf(phrases[rows], assignment, int(assignment.max()) + 1)
        for c in range(int(assignment.max()) + 1):
            label = topiclabels.bilingual_label(weights[c], vocabulary, 0.5, (industry, industry))
            labels_out.append((industry, *label[:2]))
        topics.growth_pct([years[i] for i in rows], 2024)
    timings["topics"] = time.perf_counter() - start

    start = time.perf_counter()
    bounds = (float(np.percentile(xy[:, 0], 1)), float(np.percentile(xy[:, 0], 99)),
              float(np.percentile(xy[:, 1], 1)), float(np.percentile(xy[:, 1], 99)))
    levels = sum(len(landscape.density_contours(xy[industries == i, 0], xy[industries == i, 1], bounds))
                 for i in sorted(set(predicted)))
    timings["contours"] = time.perf_counter() - start

    total = sum(v for k, v in timings.items() if k not in ("baseline_tfidf",))
    print(f"documents: {len(texts):,}  (replicated real text; synthetic generator: none found in pipeline.synth)")
    for name, seconds in timings.items():
        print(f"  {name:<24}{seconds:8.1f} s  ({seconds / baseline:5.1f} x baseline TF-IDF fit)")
    print(f"total (excl. baseline): {total:.1f} s  target <= 300 s")
    print(f"peak RSS: {peak_rss_gb():.2f} GB  target <= 6 GB")
    print(f"text model vs concordance labels on the (replicated) corpus: agreement {agreement:.3f} "
          f"(trained on {card['training_docs']:,})")
    print(f"topics: {len(labels_out)}; contour levels: {levels}; Procrustes after adding 1% (transform): "
          f"{disparity:.6f}")
    for industry, label_zh, label_en in labels_out[:8]:
        print(f"  {industry}: {label_en} | {label_zh}")


if __name__ == "__main__":
    main()
