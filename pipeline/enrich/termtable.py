"""A zh→en technical term table learned from parallel patent titles (issue 22, item 4).

incoPat exports give each Chinese record its English title (标题 (英文)). Over those title pairs, a Chinese word
(jieba, two characters or more) and an English term (a stemmed content word or an adjacent pair) that keep turning
up together are translations. Scoring is Dice over title pairs, 2·c(zh, en) / (c(zh) + c(en)); links are made by
competitive linking (Melamed 2000): in each pair, candidate (zh, en) links are taken best Dice first, each word
used once, a linked English pair using up both its words. A term enters the table when it was linked at least
MIN_LINKS times and in at least MIN_LINK_SHARE of the titles that hold it; its English is the term it was linked
to most. The table (data/reference/term_table_zh_en.csv) is used before CC-CEDICT in pipeline.enrich.bridge.

Records whose id hashes into the held-out fifth (is_held_out) are never learned from: the term-table figure of
pipeline.enrich.termeval is measured on them.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

TABLE_FILE = "term_table_zh_en.csv"
MIN_LINKS = 3
MIN_LINK_SHARE = 0.3
MIN_DICE = 0.1
PAIR_BONUS = 1.1  # an English pair within 10% of its word's Dice is the better rendering (神经网络: neural network)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EN_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")
# title words of the genre, not of the technology
_EN_STOP = frozenset({"method", "system", "device", "apparatus", "thereof", "based", "using", "same", "used",
                      "storage", "medium", "program", "product", "computer", "readable", "terminal", "equipment",
                      "corresponding", "related", "unit", "module", "assembly", "structure", "means"})
_ZH_STOP = frozenset({
    "方法", "系统", "装置", "设备", "及其", "一种", "以及", "基于", "用于", "存储介质", "介质", "程序", "产品",
    "计算机", "可读", "终端", "相关", "对应", "单元", "模块", "组件", "结构", "其中", "所述",
})


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    links: int
    zh_count: int
    en_count: int
    dice: float


def is_held_out(record_id: str, fold: int = 5) -> bool:
    """One record in `fold` (by a hash of its id) is kept out of learning, for the evaluation."""
    return int(hashlib.sha256(record_id.encode()).hexdigest()[:8], 16) % fold == 0


def zh_words(title: str) -> list[str]:
    from pipeline.enrich.textmodel import _jieba

    words = [w for w in _jieba().lcut(title or "") if len(w) >= 2 and _CJK.match(w) and w not in _ZH_STOP]
    return list(dict.fromkeys(words))


def en_terms(title: str) -> list[str]:
    """Stemmed content words and adjacent content-word pairs of an English title."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from pipeline.enrich.bridge import stem

    words = [None if w in ENGLISH_STOP_WORDS or w in _EN_STOP else stem(w)
             for w in _EN_WORD.findall((title or "").lower())]
    terms = [w for w in words if w]
    terms += [f"{a} {b}" for a, b in pairwise(words) if a and b and a != b]
    return list(dict.fromkeys(terms))


def learn(pairs: Iterable[tuple[str, str]]) -> list[Term]:
    """The term table of (Chinese title, English title) pairs."""
    docs = [(zh_words(zh), en_terms(en)) for zh, en in pairs]
    zh_count: Counter[str] = Counter(w for z, _ in docs for w in z)
    en_count: Counter[str] = Counter(t for _, e in docs for t in e)
    joint: Counter[tuple[str, str]] = Counter((w, t) for z, e in docs for w in z for t in e)

    def dice(w: str, t: str) -> float:
        return 2 * joint[(w, t)] / (zh_count[w] + en_count[t])

    links: Counter[tuple[str, str]] = Counter()
    for z, e in docs:
        candidates = sorted(((dice(w, t), w, t) for w in z for t in e if joint[(w, t)] >= 2),
                            key=lambda c: (-c[0] * (PAIR_BONUS if " " in c[2] else 1.0), c[1], c[2]))
        used_zh: set[str] = set()
        used_en: set[str] = set()
        for score, w, t in candidates:
            parts = set(t.split())
            if score < MIN_DICE or w in used_zh or parts & used_en:
                continue
            used_zh.add(w)
            used_en |= parts
            links[(w, t)] += 1
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for (w, t), n in links.items():
        key = (n, len(t.split()), t)  # most links; on a tie an English pair beats a word
        if w not in best or key > best[w][0]:
            best[w] = (key, t)
    table = [Term(w, t, key[0], zh_count[w], en_count[t], round(dice(w, t), 4))
             for w, (key, t) in best.items() if key[0] >= MIN_LINKS and key[0] / zh_count[w] >= MIN_LINK_SHARE]
    return sorted(table, key=lambda term: (-term.links, term.zh))


def write(table: Sequence[Term], path: Path, source_note: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["zh", "en", "links", "zh_titles", "en_titles", "dice", "source"])
        for term in table:
            writer.writerow([term.zh, term.en, term.links, term.zh_count, term.en_count, term.dice, source_note])


def load(path: Path) -> dict[str, str]:
    """zh -> en of the table file (empty when the file is missing)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["zh"]: row["en"] for row in csv.DictReader(handle) if row.get("zh") and row.get("en")}
