"""How far each SEI labelling agrees with incoPat's own 新兴产业分类 (issue 22): the evidence for adopting a table.

Records: every record of a real vendor export whose file carries the 新兴产业分类 column (pipeline.enrich.cn_samples).
A record with incoPat labels *agrees* at a level when the method's labels and incoPat's share one value at that level
(industry = the part before the dot, 1–9; category = 1.1 … 9.2); `exact` when the two sets are equal. Records
the file leaves blank are incoPat's "not SEI": `none_labelled` is the share of them a method still calls SEI (what
inflates criterion 1 of 高价值).

Methods: the interim table, the transcribed 2021 table (as adopted; letting the flagged exclusions win; with the keyword
notes as a text condition; main IPC only), and a text model trained on the adopted table's labels of the training
records and scored on the held-out records (split by record, both languages of a record on the same side).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.enrich import sei

LEVELS = ("industry", "category")


@dataclass(frozen=True)
class SeiRecord:
    file: str
    id: str
    codes: tuple[str, ...]
    text: str
    text_en: str
    vendor: tuple[str, ...]  # incoPat categories (empty = incoPat says not SEI)


def vendor_records(folder: Path, names: dict[str, str]) -> list[SeiRecord]:
    """Records of the exports in folder whose file carries incoPat's 新兴产业分类 (at least one record labelled)."""
    from pipeline.enrich.cn_samples import read_cn_export
    from pipeline.enrich.textmodel import doc_text

    out: list[SeiRecord] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".xlsx", ".xls", ".csv"}:
            continue
        records = read_cn_export(path)
        if not any(r.sei for r in records):
            continue
        for r in records:
            out.append(SeiRecord(path.name, r.id, r.codes, doc_text(r.title, r.abstract),
                                 doc_text(r.title_en, r.abstract_en) if r.title_en else "",
                                 tuple(sei.vendor_codes(r.sei, names))))
    return out


def at_level(codes: Sequence[str], level: str) -> set[str]:
    return {c.split(".")[0] for c in codes} if level == "industry" else set(codes)


def score(records: Sequence[SeiRecord], predicted: Sequence[Sequence[str]]) -> dict[str, dict[str, Any]]:
    """Per level: records with incoPat SEI, the share that agree, and the share of incoPat-blank records labelled."""
    result = {}
    for level in LEVELS:
        labelled = [(r, p) for r, p in zip(records, predicted, strict=True) if r.vendor]
        blank = [p for r, p in zip(records, predicted, strict=True) if not r.vendor]
        agree = sum(bool(at_level(r.vendor, level) & at_level(p, level)) for r, p in labelled)
        exact = sum(at_level(r.vendor, level) == at_level(p, level) for r, p in labelled)
        result[level] = {"n": len(labelled), "agree": _share(agree, len(labelled)),
                         "exact": _share(exact, len(labelled)),
                         "blank_n": len(blank), "none_labelled": _share(sum(bool(p) for p in blank), len(blank))}
    return result


def matchers(reference_dir: Path) -> dict[str, tuple[sei.Matcher, bool]]:
    """method name -> (matcher, main code only)."""
    table = reference_dir / sei.CONCORDANCE_FILE
    blocks = sei.load_concordance(table)
    return {
        "interim": (sei.Matcher(sei.load_interim(reference_dir / sei.INTERIM_FILE), "interim"), False),
        "cnipa2021": (sei.Matcher(blocks, sei.RULE_PREFIX), False),
        "cnipa2021_flagged_excluded": (
            sei.Matcher(sei.load_concordance(table, drop_flagged_exclusions=False), sei.RULE_PREFIX), False),
        "cnipa2021_keywords": (sei.Matcher(blocks, sei.RULE_PREFIX, use_keywords=True), False),
        "cnipa2021_main_ipc": (sei.Matcher(blocks, sei.RULE_PREFIX), True),
        "cnipa2021_without_suspect": (sei.Matcher(sei.load_concordance(
            table, skip_status=frozenset({"dropped", "suspect"})), sei.RULE_PREFIX), False),
    }


def label_all(records: Sequence[SeiRecord], matcher: sei.Matcher, main_only: bool) -> list[list[str]]:
    return [[lab.sei_code for lab in matcher.label(r.codes[:1] if main_only else r.codes, r.text)]
            for r in records]


def model_predictions(records: Sequence[SeiRecord], labels: Sequence[Sequence[str]], level: str,
                      seed: int = 7) -> tuple[list[int], dict[str, list[str]]]:
    """Held-out record indices and the text model's label per language (zh, en) for each, trained on the
    concordance labels (first category, or 'none') of the other records."""
    from sklearn.model_selection import GroupShuffleSplit

    from pipeline.enrich import textmodel

    def target(codes: Sequence[str]) -> str:
        return (codes[0].split(".")[0] if level == "industry" else codes[0]) if codes else "none"

    indices = list(range(len(records)))
    splitter = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=seed)
    train_idx, test_idx = next(splitter.split(indices, groups=[r.id for r in records]))
    ids, texts, ys = [], [], []
    for i in train_idx:
        for lang, text in (("zh", records[i].text), ("en", records[i].text_en)):
            if text:
                ids.append(f"{records[i].id}:{lang}")
                texts.append(text)
                ys.append(target(labels[i]))
    pipeline, _ = textmodel.train(ids, texts, ys, seed=seed)
    held = [int(i) for i in test_idx]
    out: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        chosen = [i for i in held if (records[i].text if lang == "zh" else records[i].text_en)]
        predicted, _ = textmodel.predict(pipeline, [records[i].text if lang == "zh" else records[i].text_en
                                                    for i in chosen])
        by_index = dict(zip(chosen, predicted, strict=True))
        out[lang] = [by_index.get(i, "none") for i in held]
    return held, out


def agreement_table(records: Sequence[SeiRecord], reference_dir: Path, *, with_model: bool = True,
                    adopted: str = "cnipa2021") -> dict[str, Any]:
    """{'rows': [{method, file, level, n, agree, blank_n, none_labelled}], 'labels': {method: [...]}}."""
    rows: list[dict[str, Any]] = []
    labels: dict[str, list[list[str]]] = {}
    files = sorted({r.file for r in records})
    for method, (matcher, main_only) in matchers(reference_dir).items():
        labels[method] = label_all(records, matcher, main_only)
        rows += _rows(method, records, labels[method], files)
    if with_model and records:
        for level in LEVELS:
            held, by_lang = model_predictions(records, labels[adopted], level)
            subset = [records[i] for i in held]
            for lang, predicted in by_lang.items():
                keep = [k for k, i in enumerate(held) if (records[i].text if lang == "zh" else records[i].text_en)]
                chosen = [subset[k] for k in keep]
                preds = [[] if predicted[k] == "none" else [predicted[k]] for k in keep]
                rows += [row for row in _rows(f"model_{lang} (held out)", chosen, preds, files)
                         if row["level"] == level]
    return {"rows": rows, "labels": labels}


def _rows(method: str, records: Sequence[SeiRecord], predicted: Sequence[Sequence[str]],
          files: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for file in [*files, "ALL"]:
        pairs = [(r, p) for r, p in zip(records, predicted, strict=True) if file in ("ALL", r.file)]
        if not pairs:
            continue
        scored = score([r for r, _ in pairs], [p for _, p in pairs])
        rows += [{"method": method, "file": file, "level": level, **scored[level]} for level in LEVELS]
    return rows


def row_disagreement(records: Sequence[SeiRecord], matcher: sei.Matcher, min_hits: int = 5,
                     top: int = 15) -> list[dict[str, Any]]:
    """Concordance rows (block + symbol) by how often they fire on a record whose incoPat categories do not
    include the row's category: candidates for transcription errors (or for incoPat's own mapping differing)."""
    hits: Counter[tuple[str, str, str]] = Counter()
    agree: Counter[tuple[str, str, str]] = Counter()
    industry_agree: Counter[tuple[str, str, str]] = Counter()
    vendor_seen: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for r in records:
        if not r.vendor:
            continue
        seen = set()
        for block, pattern in matcher.fired(r.codes, r.text):
            key = (block.sei_code, block.rule_no, pattern.text)
            if key in seen:
                continue
            seen.add(key)
            hits[key] += 1
            agree[key] += block.sei_code in r.vendor
            industry_agree[key] += block.industry in at_level(r.vendor, "industry")
            vendor_seen[key].update(r.vendor)
    rows: list[dict[str, Any]] = [
        {"sei_code": k[0], "rule_no": k[1], "ipc": k[2], "fired": n, "agree": _share(agree[k], n),
             "industry_agree": _share(industry_agree[k], n), "disagree_count": n - agree[k],
             "incopat_says": ", ".join(c for c, _ in vendor_seen[k].most_common(2))}
            for k, n in hits.items() if n >= min_hits]
    rows.sort(key=lambda row: (-int(row["disagree_count"]), float(row["agree"] or 0)))
    return rows[:top]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
