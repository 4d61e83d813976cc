"""Text classifier for level-1 industries: title + abstract, Chinese segmented with jieba, English tokenised.

TF-IDF over words (jieba tokens for CJK runs, lower-cased word tokens otherwise, uni+bigrams) and character
n-grams (robust to segmentation errors and mixed zh/en text) feeds a linear SVM calibrated to probabilities.
The model is trained on concordance labels, persisted under settings.model_dir with a model card (version,
training data fingerprint, class counts, evaluation).
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MODEL_FILE = "industry_textmodel.joblib"
CARD_FILE = "industry_textmodel_card.json"
MAX_TRAIN_DOCS = 60_000  # beyond this, more docs add little to a linear model and only cost time

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TOKEN = re.compile(r"[\u4e00-\u9fff]+|[a-z][a-z0-9\-]+|\d+[a-z]+")
_JIEBA_READY = False


def _jieba() -> Any:
    """Import jieba once, silencing its init chatter and keeping its cache out of the repository."""
    global _JIEBA_READY
    import logging

    import jieba

    if not _JIEBA_READY:
        jieba.setLogLevel(logging.WARNING)
        cache = Path(tempfile.gettempdir()) / "patentnav_jieba.cache"  # never inside the repository
        jieba.dt.tmp_dir = str(cache.parent)
        jieba.dt.cache_file = str(cache.name)
        jieba.initialize()
        _JIEBA_READY = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Words of a mixed zh/en text: jieba tokens for CJK runs, word tokens for Latin text."""
    text = (text or "").lower()
    tokens: list[str] = []
    jieba = None
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        if _CJK_RUN.fullmatch(piece):
            jieba = jieba or _jieba()
            tokens.extend(t for t in jieba.lcut(piece) if len(t) > 1)
        else:
            tokens.append(piece)
    return tokens


def doc_text(title: str | None, abstract: str | None) -> str:
    """Title counted twice: it is the densest statement of the invention."""
    title = title or ""
    return f"{title} {title} {abstract or ''}".strip()


def build_pipeline(char_analyzer: str = "char_wb", char_range: tuple[int, int] = (2, 4), c: float = 0.5,
                   class_weight: str | None = "balanced") -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    words = TfidfVectorizer(
        analyzer=tokenize, sublinear_tf=True, min_df=2, max_features=200_000, dtype=_float32()
    )
    chars = TfidfVectorizer(
        analyzer=char_analyzer, ngram_range=char_range, sublinear_tf=True, min_df=2, max_features=200_000,
        lowercase=True, dtype=_float32(),
    )
    features = FeatureUnion([("words", words), ("chars", chars)])
    # liblinear's dual solver visits samples in a random order; unseeded, it draws from the process's global RNG, so
    # two processes trained on the same rows scored texts differently in the 4th decimal (Celery vs `patentnav run`)
    model = CalibratedClassifierCV(LinearSVC(C=c, class_weight=class_weight, random_state=0), cv=3,
                                   method="sigmoid")
    return Pipeline([("features", features), ("model", model)])


# Alternatives measured by bench/classifier_eval.py --variant on the real held-out fold (macro-F1 en / zh):
# default 0.642 / 0.498; char13 (plain char 1-3 grams) 0.629 / 0.495, so char_wb 2-4 stays.
VARIANTS: dict[str, Callable[[], Any]] = {
    "default": build_pipeline,
    "unweighted": lambda: build_pipeline(class_weight=None),
    "char13": lambda: build_pipeline(char_analyzer="char", char_range=(1, 3)),
    "c1": lambda: build_pipeline(c=1.0),
}


def _float32() -> Any:
    import numpy as np

    return np.float32


def fingerprint(ids: Sequence[str], labels: Sequence[str]) -> str:
    """sha256 of the sorted (id, label) pairs: identifies the training data independent of order."""
    digest = hashlib.sha256()
    for pid, label in sorted(zip(ids, labels, strict=True)):
        digest.update(f"{pid}\t{label}\n".encode())
    return digest.hexdigest()


def train(ids: Sequence[str], texts: Sequence[str], labels: Sequence[str], seed: int = 7,
          build: Callable[[], Any] | None = None, weights: Sequence[float] | None = None) -> tuple[Any, dict]:
    """Fit the pipeline (build_pipeline unless `build` is given; on a random sample when large); return it and
    the card's training section. `weights`: one per row (two teachers: how far each label is trusted)."""
    import numpy as np

    ids, texts, labels = list(ids), list(texts), list(labels)
    row_weights = list(weights) if weights is not None else [1.0] * len(ids)
    if len(ids) > MAX_TRAIN_DOCS:
        rng = np.random.default_rng(seed)
        keep = np.sort(rng.choice(len(ids), MAX_TRAIN_DOCS, replace=False))
        ids = [ids[i] for i in keep]
        texts = [texts[i] for i in keep]
        labels = [labels[i] for i in keep]
        row_weights = [row_weights[i] for i in keep]
    counts = Counter(labels)
    # Calibration needs at least cv examples per class; rarer classes are left to the concordance.
    usable = {c for c, n in counts.items() if n >= 3}
    rows = [i for i, label in enumerate(labels) if label in usable]
    if len(usable) < 2:
        raise ValueError("need at least two industries with 3+ labelled documents to train the text model")
    pipeline = (build or build_pipeline)()
    if weights is None:
        pipeline.fit([texts[i] for i in rows], [labels[i] for i in rows])
    else:
        pipeline.fit([texts[i] for i in rows], [labels[i] for i in rows],
                     model__sample_weight=np.asarray([row_weights[i] for i in rows], dtype=float))
    card: dict[str, Any] = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_docs": len(rows),
        "training_fingerprint": fingerprint([ids[i] for i in rows], [labels[i] for i in rows]),
        "class_counts": {c: counts[c] for c in sorted(usable)},
    }
    if weights is not None:
        card["weight_by_class"] = {c: round(sum(row_weights[i] for i in rows if labels[i] == c), 2)
                                   for c in sorted(usable)}
    card["version"] = "tm-" + card["training_fingerprint"][:12]
    return pipeline, card


def predict(pipeline: Any, texts: Iterable[str], chunk: int = 20_000, workers: int = 1
            ) -> tuple[list[str], list[float]]:
    """Best class and its probability, in chunks so 1M docs never sit in one matrix. With workers > 1 and
    at least PARALLEL_MIN_TEXTS texts the chunks are scored in that many processes (pipeline.enrich.parallel;
    the same results: each text is scored on its own)."""
    from pipeline.enrich import parallel

    texts = list(texts)
    chunks = [texts[start:start + chunk] for start in range(0, len(texts), chunk)]
    workers = min(workers, len(chunks)) if len(texts) >= PARALLEL_MIN_TEXTS else 1
    labels: list[str] = []
    scores: list[float] = []
    for chunk_labels, chunk_scores in parallel.map_chunks(_score, pipeline, chunks, workers):
        labels.extend(chunk_labels)
        scores.extend(chunk_scores)
    return labels, scores


PARALLEL_MIN_TEXTS = 100_000  # below this, starting the workers (each imports scikit-learn) costs more than it saves


def _score(pipeline: Any, batch: list[str]) -> tuple[list[str], list[float]]:
    import numpy as np

    proba = pipeline.predict_proba(batch)
    best = proba.argmax(axis=1)
    return (pipeline.classes_[best].tolist(),
            np.round(proba[np.arange(len(best)), best], 4).tolist())


def evaluate(y_true: Sequence[str], y_pred: Sequence[str]) -> dict:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    classes = sorted(set(y_true) | set(y_pred))
    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=classes, zero_division=0)
    present = sorted(set(y_true))
    return {
        "n": len(y_true),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)), 4),
        "per_class": {
            c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4), "support": int(n[i])}
            for i, c in enumerate(classes)
        },
    }


def save(pipeline: Any, card: dict, model_dir: Path) -> None:
    import joblib

    model_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, model_dir / MODEL_FILE, compress=3)
    (model_dir / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")


def load(model_dir: Path) -> tuple[Any, dict] | None:
    import joblib

    path = model_dir / MODEL_FILE
    if not path.exists():
        return None
    card = json.loads((model_dir / CARD_FILE).read_text(encoding="utf-8"))
    return joblib.load(path), card


def update_card(model_dir: Path, key: str, value: Any) -> dict:
    path = model_dir / CARD_FILE
    card = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    card[key] = value
    model_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")
    return card
