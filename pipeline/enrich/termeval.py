"""Does a Chinese topic label's English rendering use the words the English versions of the same documents use?

Measured on the bilingual incoPat records held out of the term table (termtable.is_held_out). The records are
grouped into pseudo-topics by main IPC main group (a group of MIN_GROUP records or more); each group gets a Chinese
label the way topics do (landscape.phrase_terms of its Chinese texts, class-based TF-IDF, topiclabels.pick_phrases,
design boilerplate dropped), rendered in English with CC-CEDICT alone (before) and with the term table first
(after). The figure is the share of the rendering's content words that occur in the group's English titles and
abstracts (plural-folded).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from pipeline.enrich.cn_samples import CnRecord

MIN_GROUP = 5
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")
_MAIN_GROUP = re.compile(r"^([A-H]\d\d[A-Z])\s*0*(\d+)")


def main_group(codes: Sequence[str]) -> str | None:
    match = _MAIN_GROUP.match((codes[0] if codes else "").strip().upper())
    return f"{match.group(1)}{match.group(2)}" if match else None


def groups_of(records: Sequence[CnRecord]) -> dict[str, list[CnRecord]]:
    grouped: dict[str, list[CnRecord]] = defaultdict(list)
    for record in records:
        key = main_group(record.codes)
        if key and record.title_en:
            grouped[key].append(record)
    return {k: v for k, v in sorted(grouped.items()) if len(v) >= MIN_GROUP}


def chinese_labels(groups: dict[str, list[CnRecord]]) -> dict[str, list[str]]:
    """Two Chinese label phrases per group, chosen as topic labels are (c-TF-IDF over the groups)."""
    from pipeline.enrich.landscape import phrase_terms
    from pipeline.enrich.topiclabels import _BOILERPLATE, pick_phrases

    counts = {key: Counter(t for r in docs for t in phrase_terms(f"{r.title} {r.title} {r.abstract}")
                           if re.search(r"[\u4e00-\u9fff]", t) and not _BOILERPLATE.search(t))
              for key, docs in groups.items()}
    spread = Counter(t for c in counts.values() for t in c)
    labels = {}
    for key, count in counts.items():
        total = sum(count.values()) or 1
        scored = [(t, n / total * math.log(1 + len(counts) / spread[t])) for t, n in count.items()]
        labels[key] = pick_phrases(scored, 2)
    return labels


def content_words(text: str) -> list[str]:
    from pipeline.enrich.bridge import GLOSS_STOP, stem

    return [stem(w) for w in _WORD.findall((text or "").lower()) if w not in GLOSS_STOP]


def measure(records: Sequence[CnRecord], examples: int = 20) -> dict[str, Any]:
    """Share of rendered label words found in the English versions, before (CC-CEDICT) and after (term table)."""
    from pipeline.enrich.bridge import gloss

    groups = groups_of(records)
    labels = chinese_labels(groups)
    hits = {"before": 0, "after": 0}
    words = {"before": 0, "after": 0}
    shown: list[dict[str, Any]] = []
    for key, phrases in labels.items():
        english = {w for r in groups[key] for w in content_words(f"{r.title_en} {r.abstract_en}")}
        rendered = {"before": " / ".join(g for g in (gloss(p, use_terms=False) for p in phrases) if g),
                    "after": " / ".join(g for g in (gloss(p) for p in phrases) if g)}
        for side, text in rendered.items():
            found = content_words(text)
            words[side] += len(found)
            hits[side] += sum(w in english for w in found)
        if len(shown) < examples:
            shown.append({"group": key, "documents": len(groups[key]), "label_zh": "、".join(phrases), **rendered})
    return {"records": len(records), "groups": len(groups),
            "before": round(hits["before"] / words["before"], 4) if words["before"] else None,
            "after": round(hits["after"] / words["after"], 4) if words["after"] else None,
            "words_before": words["before"], "words_after": words["after"], "examples": shown}


def held_out_records(folder: Any) -> list[CnRecord]:
    """The bilingual incoPat records of folder that the term table never learned from."""
    from pipeline.enrich.cn_samples import bilingual, read_cn_export
    from pipeline.enrich.termtable import is_held_out

    out: dict[str, CnRecord] = {}
    for path in sorted(folder.glob("incopat*bilingual*.xlsx")):
        for record in bilingual(read_cn_export(path)):
            if is_held_out(record.id) and record.abstract_en:
                out.setdefault(record.id, record)
    return list(out.values())
