"""Topics: k from the data, c-TF-IDF labels read as phrases, growth arithmetic."""

from __future__ import annotations

import numpy as np

from pipeline.enrich import landscape, topiclabels, topics
from tests.unit.test_landscape import THEMES, make_docs


def test_choose_k_finds_the_planted_themes_and_labels_them() -> None:
    docs = make_docs(1500, seed=3)
    fitted = landscape.fit_map(docs, components=10)
    embedded = fitted.embed(docs)
    k = topics.choose_k(embedded)
    labels = topics.cluster(embedded, k)
    phrases, vocabulary = topics.label_matrix([d.split() for d in docs])
    weights = topics.class_tfidf(phrases, labels, int(labels.max()) + 1)
    english = {topiclabels.bilingual_label(weights[c], vocabulary, 0.0, ("?", "?"))[1]
               for c in range(int(labels.max()) + 1)}
    # each label's words come from one planted theme, and every theme gets a topic
    themes = [set(t.split()) for t in THEMES]
    owners = set()
    for label in english:
        words = set(label.replace(" / ", " ").split())
        matching = [i for i, theme in enumerate(themes) if words <= theme]
        assert len(matching) == 1, label
        owners.add(matching[0])
    assert len(owners) == k == len(THEMES)


def test_labels_prefer_phrases_and_never_repeat_a_word() -> None:
    vocabulary = np.array(["battery", "lithium battery", "电池", "锂离子电池", "cell", "diesel engine",
                           "gas engine diesel engine", "gas engine"])
    scores = np.array([1.0, 0.8, 0.9, 0.7, 0.5, 0.75, 0.74, 0.73])
    label_zh, label_en, _terms = topiclabels.bilingual_label(scores, vocabulary, 0.5, ("?", "?"))
    # 'battery' is inside the chosen phrase; the 'engine' phrases share a word, so only the best one is kept
    assert label_en == "lithium battery / diesel engine"
    assert label_zh == "锂离子电池"  # '电池' is inside it


def test_a_one_language_topic_gets_its_other_label_through_the_dictionary() -> None:
    vocabulary = np.array(["lithium battery", "neural network", "锂离子电池", "神经网络"])
    english_only = topiclabels.bilingual_label(np.array([1.0, 0.9, 0.0, 0.0]), vocabulary, 0.0, ("?", "?"))
    assert english_only[:2] == ("锂电池、神经网络", "lithium battery / neural network")
    chinese_only = topiclabels.bilingual_label(np.array([0.0, 0.0, 1.0, 0.9]), vocabulary, 1.0, ("?", "?"))
    assert chinese_only[:2] == ("锂离子电池、神经网络", "lithium ion battery / neural network")
    # a topic whose few English documents are under the share threshold is labelled from its Chinese
    mostly_zh = topiclabels.bilingual_label(np.array([0.5, 0.0, 1.0, 0.0]), vocabulary, 0.9, ("?", "?"))
    assert mostly_zh[1] == "lithium ion battery"
    nothing = topiclabels.bilingual_label(np.zeros(4), vocabulary, 0.5, ("汽车 主题 1", "AUTO topic 1"))
    assert nothing[:2] == ("汽车 主题 1", "AUTO topic 1")


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


def test_a_large_build_clusters_a_stratified_sample_and_places_the_rest(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import duckdb

    docs = make_docs(1200, seed=5)
    industries = ["AUTO", "ELEC", "BIOMED", "BIOMED"] * 300
    industries[:5] = ["RARE"] * 5  # an industry far below its proportional share keeps all its documents
    con = duckdb.connect()
    con.execute("create temp table topic_document (patent_id varchar, title varchar, abstract varchar, "
                "industry_code varchar, filing_year int, doc_hash varchar, codes varchar)")
    con.executemany("insert into topic_document values (?, ?, null, ?, 2020, ?, null)",
                    [(f"P{i:05d}", d, industries[i], f"h{i}") for i, d in enumerate(docs)])
    fitted = landscape.fit_map(docs, components=10)
    monkeypatch.setattr(topics, "MAX_CLUSTER_DOCS", 400)
    monkeypatch.setattr(topics, "PLACE_CHUNK", 150)
    monkeypatch.setattr(topics, "MIN_SAMPLE_PER_INDUSTRY", 20)
    sample = topics.stratified_sample(industries, 400, floor=20)
    assert set(range(5)) <= set(sample.tolist()) and 380 <= len(sample) <= 420
    placed_calls: list[int] = []
    real_place = topics._place_changed
    monkeypatch.setattr(topics, "_place_changed",
                        lambda rows, *a: placed_calls.append(len(rows)) or real_place(rows, *a))
    serial = topics._cluster_all(con, fitted, workers=1)
    assert sum(placed_calls) == 1200 - len(sample) and max(placed_calls) <= 150  # the rest, placed in chunks
    placed, _, topic_rows = topics._cluster_all(con, fitted, workers=2)
    assert placed == serial[0] and [r[:2] for r in topic_rows] == [r[:2] for r in serial[2]]
    assert sorted(placed["patent_id"]) == [f"P{i:05d}" for i in range(1200)]
    industry_of = dict(zip([f"P{i:05d}" for i in range(1200)], industries, strict=True))
    topic_industry = {r[0]: r[1] for r in topic_rows}
    assert all(topic_industry[t] == industry_of[p] for p, t in zip(placed["patent_id"], placed["topic_id"],
                                                                   strict=True))
