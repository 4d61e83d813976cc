"""Topic labels in both languages, describing the same documents.

Candidate terms are the phrase terms of the topic's documents (landscape.phrase_terms: unigrams and adjacent-word
bigrams, boilerplate dropped), ranked by class-based TF-IDF. label_zh comes from the Chinese terms and label_en
from the English ones when the topic has enough documents in that language; otherwise the other language's
phrases are carried across with CC-CEDICT (pipeline.enrich.bridge), so an English-only topic still has a Chinese
label and the reverse. Two phrases at most, no phrase sharing a word (or, in Chinese, a two-character word) with
one already chosen, and no phrase longer than a short technology term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

MIN_LANGUAGE_SHARE = 0.2  # a language with a smaller share of the topic's documents is bridged, not quoted
PHRASES = 2
MAX_EN_WORDS = 3
MAX_ZH_CHARS = 8
_CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_JOIN, EN_JOIN = "、", " / "
# what a design patent says about itself (外观设计, "(外观)", "ornamental design"): a document type, never a topic
_BOILERPLATE = re.compile(r"外观|^(ornamental )?design$|^ornamental", re.I)


def _overlaps(term: str, chosen: list[str]) -> bool:
    if _CJK.search(term):
        pairs = {term[i:i + 2] for i in range(len(term) - 1)}
        return any(term in c or c in term or pairs & {c[i:i + 2] for i in range(len(c) - 1)} for c in chosen)
    words = set(term.split())
    return any(words & set(c.split()) for c in chosen)


def pick_phrases(candidates: Sequence[tuple[str, float]], count: int = PHRASES) -> list[str]:
    """Best-scored short terms, phrases (bigrams, 4+ Chinese characters) favoured, none overlapping another."""
    def short(term: str) -> bool:
        return len(term) <= MAX_ZH_CHARS if _CJK.search(term) else len(term.split()) <= MAX_EN_WORDS

    def is_phrase(term: str) -> bool:
        return " " in term or (bool(_CJK.search(term)) and len(term) >= 4)

    ranked = sorted((c for c in candidates if short(c[0])), key=lambda t: -t[1] * (2.5 if is_phrase(t[0]) else 1.0))
    chosen: list[str] = []
    for term, _ in ranked:
        if not _overlaps(term, chosen):
            chosen.append(term)
        if len(chosen) == count:
            break
    return chosen


def to_english(phrases: Sequence[str]) -> list[str]:
    from pipeline.enrich.bridge import gloss

    found = [gloss(p) for p in phrases]
    return list(dict.fromkeys(f for f in found if f))


def to_chinese(phrases: Sequence[str]) -> list[str]:
    from pipeline.enrich import bridge

    found = [bridge.to_chinese(" ".join(bridge.stem(w) for w in p.split())) for p in phrases]
    return list(dict.fromkeys(f for f in found if f))


def bilingual_label(scores: Any, vocabulary: Sequence[str], zh_share: float, fallback: tuple[str, str],
                    top: int = 12) -> tuple[str, str, list[str]]:
    """(label_zh, label_en, top terms) of one topic from its c-TF-IDF row; `fallback` (the industry's names)
    when neither language yields a phrase."""
    order = scores.argsort()[::-1][:400]
    candidates = [
        (str(vocabulary[i]), float(scores[i]))
        for i in order
        if scores[i] > 0 and not _BOILERPLATE.search(str(vocabulary[i]))
    ]
    zh_terms = pick_phrases([c for c in candidates if _CJK.search(c[0])], 4)
    en_terms = pick_phrases([c for c in candidates if not _CJK.search(c[0])], 4)
    zh = zh_terms[:PHRASES] if zh_share >= MIN_LANGUAGE_SHARE else []
    en = en_terms[:PHRASES] if 1 - zh_share >= MIN_LANGUAGE_SHARE else []
    zh = zh or to_chinese(en_terms)[:PHRASES]
    en = en or to_english(zh_terms)[:PHRASES]
    label_zh = ZH_JOIN.join(zh) if zh else fallback[0]
    label_en = EN_JOIN.join(dict.fromkeys(en)) if en else fallback[1]
    return label_zh, label_en, pick_phrases(candidates, top)
