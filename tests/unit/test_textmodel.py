"""Text model: mixed zh/en tokenising, training fingerprint, persistence, learns separable classes."""

from __future__ import annotations

from pathlib import Path

from pipeline.enrich import parallel, textmodel

EN = {
    "AUTO": "electric vehicle traction battery charging motor drive vehicle",
    "BIOMED": "pharmaceutical composition antibody treating cancer patient dose",
    "ELEC": "semiconductor wafer transistor gate dielectric layer etching",
}
ZH = {"AUTO": "电动汽车动力电池充电控制", "BIOMED": "抗体药物组合物治疗肿瘤", "ELEC": "半导体晶圆晶体管栅极刻蚀"}


def corpus() -> tuple[list[str], list[str], list[str]]:
    ids, texts, labels = [], [], []
    for n in range(12):
        for label in EN:
            words = EN[label].split()
            ids.append(f"E{label}{n}")
            texts.append(" ".join(words[n % 3:] + words[: n % 3]))
            labels.append(label)
            ids.append(f"Z{label}{n}")
            texts.append(ZH[label] + ("方法" if n % 2 else "装置"))
            labels.append(label)
    return ids, texts, labels


def test_tokenize_segments_chinese_and_keeps_english() -> None:
    tokens = textmodel.tokenize("一种锂离子电池 Lithium-ion battery")
    assert "lithium-ion" in tokens and "battery" in tokens
    assert any("电池" in t for t in tokens) and "一种锂离子电池" not in tokens


def test_fingerprint_ignores_order_but_not_labels() -> None:
    a = textmodel.fingerprint(["1", "2"], ["AUTO", "ELEC"])
    assert a == textmodel.fingerprint(["2", "1"], ["ELEC", "AUTO"])
    assert a != textmodel.fingerprint(["1", "2"], ["ELEC", "AUTO"])


def test_train_predict_save_load(tmp_path: Path) -> None:
    ids, texts, labels = corpus()
    pipeline, card = textmodel.train(ids, texts, labels)
    assert card["class_counts"] == {"AUTO": 24, "BIOMED": 24, "ELEC": 24}
    predicted, scores = textmodel.predict(pipeline, ["antibody for treating tumours", "晶体管栅极的刻蚀"])
    assert predicted == ["BIOMED", "ELEC"]
    assert all(0 <= s <= 1 for s in scores)
    textmodel.save(pipeline, card, tmp_path)
    loaded = textmodel.load(tmp_path)
    assert loaded is not None and loaded[1]["training_fingerprint"] == card["training_fingerprint"]
    assert textmodel.predict(loaded[0], ["traction battery charging"])[0] == ["AUTO"]


def test_evaluate_reports_macro_f1_and_per_class() -> None:
    result = textmodel.evaluate(["A", "A", "B", "B"], ["A", "B", "B", "B"])
    assert result["per_class"]["A"]["recall"] == 0.5 and result["per_class"]["B"]["precision"] == round(2 / 3, 4)
    assert 0 < result["macro_f1"] < 1


def test_scoring_in_worker_processes_gives_what_one_process_gives(monkeypatch) -> None:
    ids, texts, labels = corpus()
    pipeline, _ = textmodel.train(ids, texts, labels)
    queries = [f"{t} {n}" for n, t in enumerate(texts * 3)]
    serial = textmodel.predict(pipeline, queries, chunk=50)
    monkeypatch.setattr(textmodel, "PARALLEL_MIN_TEXTS", 10)
    started: list[int] = []
    real_pool = parallel.start_pool
    monkeypatch.setattr(parallel, "start_pool", lambda *a: started.append(a[0]) or real_pool(*a))
    assert textmodel.predict(pipeline, queries, chunk=50, workers=2) == serial
    assert started == [2]  # the workers were used, not the in-process path
