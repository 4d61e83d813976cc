"""Efficacy (技术功效) extraction from patent text: pure functions, no database.

A statement of efficacy is a cue verb and its object: Chinese 提高/降低/减少/改善/增加/避免… + object
("能够提高实体关系抽取的准确性"), English improve/reduce/increase/prevent… + object ("reduce the power
consumption of the device"). The object is matched against the analyst-editable vocabulary
(data/reference/efficacy_vocabulary.csv): each row is one efficacy with `|`-separated Chinese and English terms.

Chinese noun phrases end in their head ("…抽取的准确性"), so the term matched last in the object wins; English
ones start with it ("the accuracy of speech recognition"), so the term matched first wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ZH_CUES = ("提高", "提升", "增加", "增强", "改善", "改进", "优化", "降低", "减少", "减小", "减轻", "缩短", "避免",
           "防止", "节省", "节约", "简化", "加快", "保证", "确保", "抑制", "消除")
EN_CUES = ("improve", "improves", "improved", "improving", "improvement in", "improvement of", "increase",
           "increases", "increased", "increasing", "enhance", "enhances", "enhanced", "enhancing", "reduce",
           "reduces", "reduced", "reducing", "reduction in", "reduction of", "decrease", "decreases", "decreasing",
           "lower", "lowers", "lowering", "prevent", "prevents", "preventing", "avoid", "avoids", "avoiding",
           "shorten", "shortens", "shortening", "save", "saves", "saving", "minimize", "minimizes", "minimise",
           "minimises", "simplify", "simplifies", "ensure", "ensures", "ensuring", "eliminate", "eliminates")
ZH_OBJECT_MAX = 24  # characters after the cue
EN_OBJECT_MAX = 8   # words after the cue
ZH_BOUNDARY = re.compile(r"[，。；;、,.!?！？：:（）()\n]")
ZH_CUE = re.compile("|".join(sorted(ZH_CUES, key=len, reverse=True)))
EN_CUE = re.compile(r"\b(" + "|".join(sorted((re.escape(c) for c in EN_CUES), key=len, reverse=True)) + r")\b",
                    re.IGNORECASE)
EN_STOP = re.compile(r"[,.;:!?()\n]|\b(and|so|thereby|which|while|whereby|wherein|such that|by)\b", re.IGNORECASE)
HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
# A Chinese term must be (near) the head of the object: at most ZH_TAIL_MAX characters may follow it, and none
# of them may name the invention itself ("改进…的结构与控制方法" describes the subject, not an efficacy).
ZH_TAIL_MAX = 4
ZH_SUBJECT = re.compile(r"方法|装置|系统|设备|结构|模块|单元")


@dataclass(frozen=True)
class Efficacy:
    name_zh: str
    name_en: str
    terms_zh: tuple[str, ...]
    terms_en: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    cue: str
    object_text: str
    efficacy_code: str | None  # None: the object names nothing in the vocabulary


def parse_vocabulary(rows: Iterable[dict[str, str]]) -> dict[str, Efficacy]:
    """Vocabulary rows (efficacy_code, name_zh, name_en, terms_zh, terms_en) in file order; blank codes skipped."""
    vocabulary: dict[str, Efficacy] = {}
    for row in rows:
        code = (row.get("efficacy_code") or "").strip()
        if not code:
            continue
        vocabulary[code] = Efficacy(
            (row.get("name_zh") or code).strip(), (row.get("name_en") or code).strip(),
            tuple(t.strip() for t in (row.get("terms_zh") or "").split("|") if t.strip()),
            tuple(t.strip().lower() for t in (row.get("terms_en") or "").split("|") if t.strip()))
    return vocabulary


def classify_object(text: str, vocabulary: dict[str, Efficacy]) -> str | None:
    """The efficacy an object names: Chinese by the term ending last (the head noun), English by the term
    starting first; ties go to the longer term, then to the earlier vocabulary row."""
    best: tuple[int, int, int] | None = None
    code_found = None
    lowered = text.lower()
    chinese = bool(HAS_CJK.search(text))
    for order, (code, efficacy) in enumerate(vocabulary.items()):
        terms = efficacy.terms_zh if chinese else efficacy.terms_en
        for term in terms:
            if chinese:
                end = text.rfind(term)
                tail = text[end + len(term):] if end >= 0 else ""
                if end < 0 or len(tail) > ZH_TAIL_MAX or ZH_SUBJECT.search(tail):
                    continue
                key = (end + len(term), len(term), -order)
            else:
                match = re.search(r"\b" + re.escape(term) + r"\b", lowered)
                if not match:
                    continue
                key = (-match.start(), len(term), -order)
            if best is None or key > best:
                best, code_found = key, code
    return code_found


def zh_statements(text: str, vocabulary: dict[str, Efficacy]) -> list[Statement]:
    found = []
    for match in ZH_CUE.finditer(text):
        rest = text[match.end():match.end() + ZH_OBJECT_MAX]
        boundary = ZH_BOUNDARY.search(rest)
        obj = (rest[:boundary.start()] if boundary else rest).strip()
        # "提高A和降低B": the object stops at the next cue.
        next_cue = ZH_CUE.search(obj)
        obj = obj[:next_cue.start()] if next_cue else obj
        if obj:
            found.append(Statement(match.group(0), obj, classify_object(obj, vocabulary)))
    return found


def en_statements(text: str, vocabulary: dict[str, Efficacy]) -> list[Statement]:
    found = []
    for match in EN_CUE.finditer(text):
        rest = text[match.end():]
        stop = EN_STOP.search(rest)
        words = (rest[:stop.start()] if stop else rest).split()[:EN_OBJECT_MAX]
        obj = " ".join(words)
        if obj:
            found.append(Statement(match.group(0).lower(), obj, classify_object(obj, vocabulary)))
    return found


def extract_statements(text: str | None, vocabulary: dict[str, Efficacy]) -> list[Statement]:
    """Every cue + object in the text (Chinese cues when it has Chinese characters, else English)."""
    if not text:
        return []
    return zh_statements(text, vocabulary) if HAS_CJK.search(text) else en_statements(text, vocabulary)


def extract_efficacies(text: str | None, vocabulary: dict[str, Efficacy]) -> list[Statement]:
    """The classified statements, first one per efficacy code, in text order."""
    seen: set[str] = set()
    kept = []
    for statement in extract_statements(text, vocabulary):
        if statement.efficacy_code and statement.efficacy_code not in seen:
            seen.add(statement.efficacy_code)
            kept.append(statement)
    return kept


def vendor_efficacies(phrases: Iterable[str], vocabulary: dict[str, Efficacy]) -> set[str]:
    """incoPat's 技术功效 phrases (短语 / 1–3级, e.g. 提高交互效率, 准确性提高) mapped onto the same vocabulary."""
    codes = set()
    for phrase in phrases:
        code = classify_object(phrase, vocabulary)
        if code:
            codes.add(code)
    return codes
