"""The map's vectoriser: language-independent terms in two blocks, words and classification codes.

- Words: the bridged English terms of both languages (pipeline.enrich.bridge). When the corpus holds enough of
  both languages, only terms that occur in documents of both survive fitting: a term only one side produces
  (a dictionary sense no English text uses, a word CC-CEDICT lacks) would otherwise become an axis that splits
  the map by language instead of by technology.
- Codes: IPC/CPC subclass and main-group tokens, shared exactly by a Chinese and an English filing.
Each block is L2-normalised and weighted (codes CODE_SHARE of the squared norm when a document has codes), so a
long abstract cannot drown its codes and a document without codes is placed by its text alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

CODE_SHARE = 0.8  # pair/random distance, 1,500 pairs: 0.5 -> 0.27, 0.65 -> 0.20, 0.8 -> 0.14; all 5,627: 0.65 -> 0.29
MIN_LANGUAGE_DOCS = 50  # fewer documents than this in a language: no vocabulary intersection
MIN_SIDE_DF = 2


def identity(terms: list[str]) -> list[str]:
    """Analyzer for pre-computed term lists (module level, so a fitted vectoriser pickles)."""
    return terms


def is_chinese(text: str | list[str]) -> bool:
    from pipeline.enrich.bridge import cjk_share

    sample = text if isinstance(text, str) else "".join(text[:40])
    return cjk_share(sample[:400]) > 0.3


class MapVectorizer:
    def __init__(self, word_terms: Any, code_share: float = CODE_SHARE, max_features: int = 100_000) -> None:
        self.word_terms = word_terms  # doc text -> list of word terms
        self.code_share = code_share
        self.max_features = max_features
        self.words: Any = None
        self.codes: Any = None

    def _terms(self, docs: Sequence[Any]) -> tuple[list[list[str]], list[list[str]], list[bool]]:
        from pipeline.enrich.bridge import code_terms
        from pipeline.enrich.landscape import split_doc

        words, codes, chinese = [], [], []
        for doc in docs:
            text, listed = split_doc(doc)
            words.append(self.word_terms(text))
            codes.append(code_terms(listed))
            chinese.append(is_chinese(text))
        return words, codes, chinese

    def fit(self, docs: Sequence[Any]) -> MapVectorizer:
        return self._fit_terms(*self._terms(docs))

    def _fit_terms(self, words: list[list[str]], codes: list[list[str]], chinese: list[bool]) -> MapVectorizer:
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        vocabulary = None
        zh = np.array(chinese, dtype=bool)
        if zh.sum() >= MIN_LANGUAGE_DOCS and (~zh).sum() >= MIN_LANGUAGE_DOCS:
            counts = CountVectorizer(analyzer=identity, min_df=MIN_SIDE_DF, binary=True).fit(words)
            matrix = counts.transform(words).tocsc()
            df_zh = np.asarray(matrix[zh].sum(axis=0)).ravel()
            df_en = np.asarray(matrix[~zh].sum(axis=0)).ravel()
            terms = counts.get_feature_names_out()
            vocabulary = [str(t) for t, a, b in zip(terms, df_zh, df_en, strict=True)
                          if a >= MIN_SIDE_DF and b >= MIN_SIDE_DF]
        self.words = TfidfVectorizer(analyzer=identity, sublinear_tf=True, min_df=1 if vocabulary else 2,
                                     max_df=0.5, max_features=self.max_features, vocabulary=vocabulary or None,
                                     dtype=np.float32).fit(words)
        self.codes = TfidfVectorizer(analyzer=identity, sublinear_tf=True, min_df=2, dtype=np.float32,
                                     token_pattern=None)
        try:
            self.codes.fit(codes)
        except ValueError:  # no code occurs twice: the map is placed by text alone
            self.codes = None
        return self

    def transform(self, docs: Sequence[Any]) -> Any:
        words, codes, _ = self._terms(docs)
        return self._transform_terms(words, codes)

    def _transform_terms(self, words: list[list[str]], codes: list[list[str]]) -> Any:
        import numpy as np
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        word_block = normalize(self.words.transform(words))
        if self.codes is None:
            return word_block.tocsr()
        code_block = normalize(self.codes.transform(codes))
        has_codes = np.asarray(code_block.getnnz(axis=1) > 0)
        has_words = np.asarray(word_block.getnnz(axis=1) > 0)
        # weights per row: both blocks -> sqrt(share) / sqrt(1 - share); one block alone -> 1
        code_weight = np.where(has_codes, np.where(has_words, np.sqrt(self.code_share), 1.0), 0.0)
        word_weight = np.where(has_words, np.where(has_codes, np.sqrt(1 - self.code_share), 1.0), 0.0)
        combined = sp.hstack([sp.diags(word_weight.astype(np.float32)) @ word_block,
                              sp.diags(code_weight.astype(np.float32)) @ code_block])
        return combined.tocsr().astype(np.float32)

    def fit_transform(self, docs: Sequence[Any]) -> Any:
        words, codes, chinese = self._terms(docs)  # segmentation is the costly part: once
        return self._fit_terms(words, codes, chinese)._transform_terms(words, codes)

    def get_feature_names_out(self) -> Any:
        import numpy as np

        names = list(self.words.get_feature_names_out())
        if self.codes is not None:
            names += list(self.codes.get_feature_names_out())
        return np.array(names, dtype=object)
