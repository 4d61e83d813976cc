"""A stable 2-D technology map: fitted once, persisted, new documents placed with `transform`.

Documents are language-independent bags (pipeline.enrich.bridge): English words, Chinese words bridged to
English through CC-CEDICT, and IPC/CPC subclass and main-group tokens, so a Chinese and an English filing of one
invention land together (pipeline.enrich.mapvector). TF-IDF -> TruncatedSVD (k dims) -> L2 normalise -> a fixed
linear projection to 2-D (the top two principal axes of the fitted sample). Every step is a fixed linear map after
fitting, so placing new documents never moves earlier ones; only an explicit refit does. Density is a smoothed
2-D histogram per industry; contour polygons come from contourpy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

MAP_FILE = "landscape_map.joblib"
MAP_RULES_VERSION = "bridged-1"  # bump when map_terms changes: a persisted map of other rules is refitted
DOC_SEPARATOR = "\x1e"  # between a document's text and its codes in a map document string
MAX_FIT_DOCS = 80_000  # the map is fitted on a sample; the rest (and later nights) are placed by transform
CHUNK = 50_000

EN_STOP_EXTRA = {
    "method", "methods", "system", "systems", "device", "devices", "apparatus", "thereof", "same", "using",
    "use", "used", "based", "having", "first", "second", "third", "includes", "including", "comprising",
    "comprises", "provided", "provides", "wherein", "invention", "present", "disclosure", "embodiment",
    "embodiments", "configured", "associated", "related", "plurality", "least", "one", "two", "member", "unit",
    "portion", "part", "assembly", "arrangement", "structure", "process", "article", "means", "various",
    "corresponding", "respective", "particular", "thereto", "therefrom", "therein", "herein", "said", "may",
    "also", "via", "within", "improved", "new", "novel", "type", "product", "products", "manufacturing",
    "producing", "preparation", "preparing", "making", "application", "applications",
}
ZH_STOP = {
    "一种", "方法", "装置", "系统", "及其", "用于", "基于", "所述", "包括", "本发明", "设备", "以及", "其中", "通过",
    "进行", "一个", "多个", "具有", "实现", "提供", "涉及", "技术领域", "相关", "至少", "该", "及", "和", "的", "与",
    "一端", "另一端", "连接", "设置", "设有", "固定", "安装", "制备", "应用", "用途", "方案", "本申请",
    "实施", "实施例",    "结构", "组件", "模块", "单元", "部件", "相应",
    "对应", "得到", "获取", "使得", "能够", "可以", "从而", "解决",
    "问题", "提高", "效率", "有效", "步骤", "根据", "利用", "采用", "处理", "数据", "信息", "技术", "领域", "公开",
    "第一", "第二", "第三", "内部", "外部", "一侧", "两侧", "上述", "如下", "所示", "以下", "之间", "表面", "位置",
}
_LATIN = re.compile(r"[a-z]")


@cache
def stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | EN_STOP_EXTRA | ZH_STOP


def _tokens(doc: str | list[str]) -> list[str]:
    """Tokens of a text (jieba once per document), or the list given."""
    if isinstance(doc, str):
        from pipeline.enrich.textmodel import tokenize

        return list(tokenize(doc))
    return doc


def phrase_terms(doc: str | list[str]) -> list[str]:
    """Unigrams and adjacent-word bigrams with stopwords and patent boilerplate dropped.

    Accepts raw text or a pre-tokenised list (so jieba runs once per document across map and topics).
    English bigrams are joined with a space, Chinese ones without ('锂离子' + '电池' -> '锂离子电池').
    """
    tokens = _tokens(doc)
    stop = stopwords()
    terms: list[str] = []
    previous: str | None = None
    for token in tokens:
        latin_token = bool(_LATIN.match(token))
        # Short or digit-bearing Latin tokens are kind codes and numbers ('b2', 'jp', '3d'), not technology.
        if token in stop or len(token) < 2 or (latin_token and (len(token) < 3 or any(ch.isdigit()
                                                                                       for ch in token))):
            previous = None
            continue
        terms.append(token)
        if previous is not None and previous != token:
            latin = bool(_LATIN.match(token)) and bool(_LATIN.match(previous))
            cjk = not _LATIN.match(token) and not _LATIN.match(previous)
            if latin:
                terms.append(f"{previous} {token}")
            elif cjk:
                terms.append(previous + token)
        previous = token
    return terms


MapDoc = str | tuple[str | list[str], tuple[str, ...]]


def map_doc(title: str | None, abstract: str | None, codes: str | list[str] | tuple[str, ...] | None = None
            ) -> str:
    """A map document as one string (title twice, abstract, then the codes after DOC_SEPARATOR)."""
    from pipeline.enrich.bridge import split_codes
    from pipeline.enrich.textmodel import doc_text

    listed = split_codes(codes) if isinstance(codes, str) or codes is None else list(codes)
    text = doc_text(title, abstract)
    return f"{text}{DOC_SEPARATOR}{'|'.join(listed)}" if listed else text


def split_doc(doc: MapDoc) -> tuple[str | list[str], tuple[str, ...]]:
    if not isinstance(doc, str):
        return doc
    text, _, codes = doc.partition(DOC_SEPARATOR)
    return text, tuple(c for c in codes.split("|") if c)


def word_terms(text: str | list[str]) -> list[str]:
    """Language-independent words of a text: bridged English words, stopwords and boilerplate dropped on both
    sides of the bridge, numbers and 1-2 letter fragments dropped."""
    from pipeline.enrich.bridge import bridged_tokens

    tokens = _tokens(text)
    stop = stopwords()
    words = bridged_tokens(t for t in tokens if t not in stop)
    return [w for w in words if len(w) > 2 and w not in stop and not any(ch.isdigit() for ch in w)]


@dataclass
class LandscapeMap:
    vectorizer: Any
    svd: Any
    mean: Any
    axes: Any  # 2 x k
    version: str
    fitted_at: str
    fitted_docs: int
    rules_version: str = MAP_RULES_VERSION

    def vectorize(self, docs: Sequence[MapDoc]) -> Any:
        """Sparse TF-IDF rows, built in chunks (the dense intermediates of 1M docs never coexist)."""
        import scipy.sparse as sp

        parts = [self.vectorizer.transform(docs[start:start + CHUNK]) for start in range(0, len(docs), CHUNK)]
        return sp.vstack(parts).tocsr() if parts else sp.csr_matrix((0, len(self.vectorizer.vocabulary_)))

    def embed_matrix(self, matrix: Any) -> Any:
        """Normalised SVD coordinates (k dims), chunked."""
        import numpy as np
        from sklearn.preprocessing import normalize

        parts = [normalize(self.svd.transform(matrix[start:start + CHUNK])).astype(np.float32)
                 for start in range(0, matrix.shape[0], CHUNK)]
        return np.vstack(parts) if parts else np.zeros((0, self.svd.n_components), dtype=np.float32)

    def embed(self, docs: Sequence[MapDoc]) -> Any:
        return self.embed_matrix(self.vectorize(docs))

    def project(self, embedded: Any) -> Any:
        return (embedded - self.mean) @ self.axes.T

    def transform(self, docs: Sequence[MapDoc]) -> Any:
        return self.project(self.embed(docs))


def fit_sample(rows: Sequence[Any], max_docs: int = MAX_FIT_DOCS, seed: int = 7) -> list[Any]:
    """The rows fit_map fits on (it samples with this too); a caller can take them before building the documents, so a
    full build of millions never holds millions of map documents."""
    import numpy as np

    if len(rows) <= max_docs:
        return list(rows)
    rng = np.random.default_rng(seed)
    return [rows[i] for i in np.sort(rng.choice(len(rows), max_docs, replace=False))]


def fit_map(docs: Sequence[MapDoc], components: int = 50, seed: int = 7,
            max_docs: int = MAX_FIT_DOCS, analyzer: Any = None) -> LandscapeMap:
    """Fit on a sample of `docs`; `analyzer` replaces map_terms only to measure an alternative (bench)."""
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    sample = fit_sample(docs, max_docs, seed)
    from pipeline.enrich.mapvector import MapVectorizer

    vectorizer: Any = (TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2, max_df=0.5,
                                       max_features=100_000, dtype=np.float32)
                       if analyzer else MapVectorizer(word_terms))
    matrix = vectorizer.fit_transform(sample)
    k = max(2, min(components, matrix.shape[1] - 1, matrix.shape[0] - 1))
    svd = TruncatedSVD(n_components=k, random_state=seed, algorithm="randomized", n_iter=5)
    embedded = normalize(svd.fit_transform(matrix))
    mean = embedded.mean(axis=0)
    # Top two principal axes of the embedded sample: a fixed linear 2-D projection.
    _, _, vt = np.linalg.svd(embedded - mean, full_matrices=False)
    axes = vt[:2]
    # Fix the sign so the same data always gives the same orientation.
    signs = np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])
    axes = (axes * signs[:, None]).astype(np.float32)
    digest = hashlib.sha256(np.ascontiguousarray(axes).tobytes()).hexdigest()[:12]
    return LandscapeMap(vectorizer, svd, mean.astype(np.float32), axes, "map-" + digest,
                        datetime.now(UTC).isoformat(timespec="seconds"), len(sample))



def save_model_file(model: Any, model_dir: Path, name: str) -> None:
    """Persist a fitted object under the model directory (joblib, compressed)."""
    import joblib

    model_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, model_dir / name, compress=3)


def load_model_file(model_dir: Path, name: str) -> Any:
    """The persisted object, or None when there is none yet."""
    import joblib

    path = model_dir / name
    return joblib.load(path) if path.exists() else None


def save_map(landscape: LandscapeMap, model_dir: Path) -> None:
    save_model_file(landscape, model_dir, MAP_FILE)


def load_map(model_dir: Path) -> LandscapeMap | None:
    """The persisted map; None (so the step refits) when there is none or it was built by other rules."""
    found: LandscapeMap | None = load_model_file(model_dir, MAP_FILE)
    if found is not None and getattr(found, "rules_version", None) != MAP_RULES_VERSION:
        return None
    return found


def procrustes_disparity(before: Any, after: Any) -> float:
    from scipy.spatial import procrustes

    _, _, disparity = procrustes(before, after)
    return float(disparity)


def density_contours(x: Any, y: Any, bounds: tuple[float, float, float, float], grid: int = 96,
                     levels: int = 5, sigma: float = 2.0) -> list[tuple[int, float, list[list[list[float]]]]]:
    """(level_index, density level, polygons as [[x, y], ...]) from a smoothed histogram over fixed bounds."""
    import contourpy
    import numpy as np
    from scipy.ndimage import gaussian_filter

    if len(x) < 3:
        return []
    x0, x1, y0, y1 = bounds
    hist, xedges, yedges = np.histogram2d(x, y, bins=grid, range=[[x0, x1], [y0, y1]])
    density = gaussian_filter(hist.T, sigma=sigma)
    density = density / density.max() if density.max() > 0 else density
    xs = (xedges[:-1] + xedges[1:]) / 2
    ys = (yedges[:-1] + yedges[1:]) / 2
    generator = contourpy.contour_generator(xs, ys, density, line_type="Separate")
    result = []
    for index, level in enumerate(np.linspace(0.15, 0.85, levels)):
        lines: Any = generator.lines(float(level))
        polygons = [np.round(line, 4).tolist() for line in lines if len(line) >= 3]
        if polygons:
            result.append((index, round(float(level), 4), polygons))
    return result
