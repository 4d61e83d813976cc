"""Topics: k from the data, c-TF-IDF labels read as phrases, growth arithmetic."""

from __future__ import annotations

import numpy as np

from pipeline.enrich import landscape, topics
from tests.unit.test_landscape import THEMES, make_docs


def test_choose_k_finds_the_planted_themes_and_labels_them() -> None:
    docs = make_docs(1500, seed=3)
    fitted = landscape.fit_map(docs, components=10)
    matrix = fitted.vectorize(docs)
    embedded = fitted.embed_matrix(matrix)
    k = topics.choose_k(embedded)
    labels = topics.cluster(embedded, k)
    weights = topics.class_tfidf(matrix, labels, int(labels.max()) + 1)
    vocabulary = fitted.vectorizer.get_feature_names_out()
    english = {topics.label_terms(weights[c], vocabulary)[1] for c in range(int(labels.max()) + 1)}
    # each label's words come from one planted theme, and every theme gets a topic
    themes = [set(t.split()) for t in THEMES]
    owners = set()
    for label in english:
        words = set(label.replace(" / ", " ").split())
        matching = [i for i, theme in enumerate(themes) if words <= theme]
        assert len(matching) == 1, label
        owners.add(matching[0])
    assert len(owners) == k == len(THEMES)


def test_label_terms_prefer_phrases_and_fall_back_across_languages() -> None:
    vocabulary = np.array(["battery", "lithium battery", "电池", "锂离子电池", "cell"])
    label_zh, label_en, _terms = topics.label_terms(np.array([1.0, 0.8, 0.9, 0.7, 0.5]), vocabulary)
    assert label_en == "lithium battery / cell"  # 'battery' alone is inside the chosen phrase
    assert label_zh.startswith("锂离子电池")
    only_en = topics.label_terms(np.array([1.0, 0.8, 0.0, 0.0, 0.5]), vocabulary)
    assert only_en[0] == only_en[1]


def test_growth_compares_last_three_years_with_the_three_before() -> None:
    assert topics.growth_pct([2018, 2019, 2021, 2022, 2023, 2023], 2023) == 100.0
    assert topics.growth_pct([2023], 2023) is None
