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


def test_sql_topic_refresh_matches_the_python_growth_and_median_centres() -> None:
    import duckdb

    from pipeline.sql import run_sql

    years = {"A": [2018, 2019, 2021, 2022, 2023, 2023], "B": [2023, 2022], "C": []}
    con = duckdb.connect()
    con.execute("create schema enrich")
    run_sql(con, "enrich/topic_create")
    run_sql(con, "enrich/patent_topic_create")
    con.execute("create temp table topic_document (patent_id varchar, filing_year integer)")
    for topic, filed in years.items():
        con.execute("insert into enrich.topic (topic_id, industry_code, size) values (?, 'X', 99)", [topic])
        for i, year in enumerate(filed):
            pid = f"{topic}{i}"
            con.execute("insert into topic_document values (?, ?)", [pid, year])
            con.execute("insert into enrich.patent_topic values (?, ?, ?, ?, 'm', 'h')", [pid, topic, i, 2.0 * i])
    run_sql(con, "enrich/topic_refresh_members").fetchall()
    got = {r[0]: r[1:] for r in con.execute("select topic_id, size, growth_pct, x, y from enrich.topic").fetchall()}
    for topic, filed in years.items():
        size, growth, x, y = got[topic]
        assert size == len(filed)
        assert growth == topics.growth_pct(filed, 2023)
        positions = np.arange(len(filed), dtype=float)
        if filed:
            assert (x, y) == (float(np.median(positions)), float(np.median(2.0 * positions)))
        else:
            assert x is None and y is None


def test_a_damaged_topic_model_means_re_clustering_not_a_failed_night(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / topics.TOPIC_MODEL_FILE).write_bytes(b"not a joblib file")
    assert topics.load_topic_model(tmp_path) is None
    assert topics.load_topic_model(tmp_path / "absent") is None
