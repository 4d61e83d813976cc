"""Real-data evaluation of the text model per language (issue 13, item 4).

Documents: every Chinese vendor export under tests/data/cn_vendor (Chinese title + abstract; the English twin
where incoPat gives 标题 (英文)), plus the English Lens and PatentsView samples and the Chinese
cn_patent_text_cpc slices (pipeline.enrich.samples). Labels: the primary level-1 industry from the IPC/CPC
concordance (industry.label_codes, the rule the warehouse uses). Identical texts are kept once.

The split is by document: both language versions of a bilingual record share a group, so a record's English
twin never scores a model that trained on its Chinese text. Folds are stratified by language and label.

incoPat's 新兴产业分类 (the 2018 Strategic Emerging Industries classification, SEI) is an independent label. Only
SEI classes with a defensible one-to-one counterpart among our level-1 industries are mapped (data/reference/
sei_to_industry.csv); new materials, new energy, energy saving, digital creative and services have none.

Two teachers (issue 22): the model learns from the concordance label of every record and from incoPat's mapped SEI
label where a record has one, each weighted by how far its teacher is trusted: incoPat 1.0, the concordance its
measured agreement with incoPat on the training records (about 0.8). Where both agree the record is one row of their
summed weight; where they disagree, incoPat's label alone (measured on the Toyota slice: keeping the concordance row
too at its weight gave 0.78 SEI agreement, dropping it 0.81). The held-out target is incoPat's mapped label where
there is one, else the concordance label; scores against the concordance labels alone are reported beside it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.enrich import textmodel
from pipeline.enrich.industry import Industry
from pipeline.enrich.samples import primary_label

_SPACE = re.compile(r"\s+")
VENDOR_WEIGHT = 1.0


@dataclass(frozen=True)
class Doc:
    group: str  # the document (both language versions of a bilingual record share it)
    language: str
    source: str
    text: str
    label: str
    sei: str | None  # incoPat's SEI mapped to our industry, where defensible


@lru_cache(maxsize=1)
def sei_mapping() -> tuple[dict[str, str], dict[str, str]]:
    """(SEI name -> code, SEI code -> our level-1 industry) from sei_codes.csv and sei_to_industry.csv."""
    from pipeline.enrich.sei import load_names
    from pipeline.settings import load_settings

    reference = load_settings().reference_dir
    with open(reference / "sei_to_industry.csv", encoding="utf-8-sig", newline="") as handle:
        mapping = {r["sei_code"]: r["industry_code"] for r in csv.DictReader(handle) if r["industry_code"]}
    return load_names(reference / "sei_codes.csv"), mapping


def sei_industry(labels: Sequence[str]) -> str | None:
    """Our industry for the first SEI label (names or codes such as '1.5') that has a counterpart."""
    names, mapping = sei_mapping()
    for raw in labels:
        code = names.get(raw.strip(), raw.strip())
        if code in mapping:
            return mapping[code]
    return None


def target(doc: Doc) -> str:
    """The held-out label under two teachers: incoPat's mapped SEI where the record has one, else the concordance."""
    return doc.sei or doc.label


def training_rows(docs: Sequence[Doc], idx: Sequence[int], teachers: str = "two"
                  ) -> tuple[list[str], list[str], list[str], list[float], float]:
    """(ids, texts, labels, weights, concordance weight) of the training rows; teachers 'concordance' = one row per
    document with its concordance label, weight 1 (the model before issue 22)."""
    if teachers == "concordance":
        return ([f"{docs[i].group}:{docs[i].language}" for i in idx], [docs[i].text for i in idx],
                [docs[i].label for i in idx], [1.0] * len(idx), 1.0)
    both = [docs[i] for i in idx if docs[i].sei]
    weight = round(sum(d.sei == d.label for d in both) / len(both), 4) if both else 1.0
    ids, texts, labels, weights = [], [], [], []
    for i in idx:
        d = docs[i]
        rows = [(d.label, weight)] if not d.sei else (
            [(d.label, weight + VENDOR_WEIGHT)] if d.sei == d.label else [(d.sei, VENDOR_WEIGHT)])
        for label, w in rows:
            ids.append(f"{d.group}:{d.language}:{label}")
            texts.append(d.text)
            labels.append(label)
            weights.append(w)
    return ids, texts, labels, weights, weight


def cn_docs(folder: Path, industries: list[Industry], names: Sequence[str] = ()) -> list[Doc]:
    """Chinese (and English twin) documents of the exports in folder (only `names` when given)."""
    from pipeline.enrich.cn_samples import read_cn_export

    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".xlsx", ".xls", ".csv"} or (names and path.name not in names):
            continue
        source = path.name.split("_")[0]
        for r in read_cn_export(path):
            label = primary_label(r.codes, industries)
            if not label:
                continue
            group, sei = f"cn:{r.id}", sei_industry(r.sei)
            docs.append(Doc(group, "zh", source, textmodel.doc_text(r.title, r.abstract), label, sei))
            if r.title_en:
                docs.append(Doc(group, "en", source, textmodel.doc_text(r.title_en, r.abstract_en), label, sei))
    return docs


def sample_docs(sample_dir: Path, cn_dirs: list[Path], industries: list[Industry]) -> list[Doc]:
    from pipeline.enrich.samples import load_real_samples

    docs = []
    for s in load_real_samples(sample_dir, cn_dirs):
        label = primary_label(s.codes, industries)
        if label:
            docs.append(Doc(f"{s.source}:{s.id}", s.language, s.source, textmodel.doc_text(s.title, s.abstract),
                            label, None))
    return docs


def dedupe(docs: Sequence[Doc]) -> list[Doc]:
    """Each distinct text once (case and spacing ignored), the first occurrence kept."""
    seen: set[str] = set()
    kept = []
    for d in docs:
        key = _SPACE.sub(" ", d.text.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def split(docs: Sequence[Doc], folds: int = 4, seed: int = 7) -> tuple[list[int], list[int]]:
    """One fold of a stratified group k-fold: (train, test) indices, groups never straddling the split."""
    from sklearn.model_selection import StratifiedGroupKFold

    strata = [f"{d.language}:{d.label}" for d in docs]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    train_idx, test_idx = next(splitter.split(list(range(len(docs))), strata, [d.group for d in docs]))
    return train_idx.tolist(), test_idx.tolist()


def sei_agreement(docs: Sequence[Doc], predicted: dict[int, str]) -> dict[str, Any]:
    """Agreement with incoPat's SEI (mapped) of the concordance label (all records) and of the text model's
    prediction on held-out records, per language, with the mapping used."""
    _, mapping = sei_mapping()
    records = {d.group: d for d in docs if d.sei and d.language == "zh"}
    confusion = Counter(f"{d.sei}->{d.label}" for d in records.values() if d.sei != d.label)
    report: dict[str, Any] = {
        "mapping": dict(mapping),
        "records_with_mapped_sei": len(records),
        "concordance_agrees": _share(sum(d.sei == d.label for d in records.values()), len(records)),
        "top_disagreements": dict(confusion.most_common(6)),
    }
    for language in ("zh", "en"):
        held = [(docs[i], p) for i, p in predicted.items() if docs[i].sei and docs[i].language == language]
        report[f"heldout_records_{language}"] = len(held)
        report[f"model_agrees_{language}"] = _share(sum(d.sei == p for d, p in held), len(held))
        report[f"concordance_agrees_heldout_{language}"] = _share(sum(d.sei == d.label for d, _ in held), len(held))
    report["heldout_records"] = report["heldout_records_zh"]
    report["model_agrees"] = report["model_agrees_zh"]
    report["concordance_agrees_heldout"] = report["concordance_agrees_heldout_zh"]
    return report


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate_docs(docs: Sequence[Doc], *, folds: int = 4, seed: int = 7,
                  build: Callable[[], Any] | None = None, teachers: str = "two") -> tuple[dict[str, Any], Any]:
    """Train on the training fold (both languages), score text-only predictions on the held-out fold per
    language and source; returns the report and the fitted pipeline."""
    docs = dedupe(docs)
    train_idx, test_idx = split(docs, folds, seed)
    ids, texts, labels, weights, concordance_weight = training_rows(docs, train_idx, teachers)
    pipeline, card = textmodel.train(ids, texts, labels, build=build,
                                     weights=None if teachers == "concordance" else weights)
    predicted, _ = textmodel.predict(pipeline, [docs[i].text for i in test_idx])
    by_index = dict(zip(test_idx, predicted, strict=True))
    report: dict[str, Any] = {
        "data": "real documents only: CN vendor exports (zh + incoPat English twins), Lens, PatentsView, "
                "cn_patent_text_cpc; identical texts kept once; text only (title twice + abstract)",
        "teachers": (f"two: incoPat 新兴产业分类 mapped through sei_to_industry.csv (weight {VENDOR_WEIGHT}) and the "
                     f"IPC concordance (weight {concordance_weight} = its agreement with incoPat on the training "
                     "records); held-out target = incoPat's mapped label where present, else the concordance label")
        if teachers == "two" else "concordance labels only (primary level-1 industry of the IPC/CPC concordance)",
        "split": {"method": f"StratifiedGroupKFold({folds}) fold 1, groups = documents (bilingual twins together)",
                  "seed": seed, "train": len(train_idx), "test": len(test_idx)},
        "train_class_counts": card["class_counts"],
    }
    truth = target if teachers == "two" else (lambda d: d.label)
    slices: list[tuple[str, str, str | None]] = [(f"real_{lg}", lg, None) for lg in sorted({d.language for d in docs})]
    slices += [(f"real_{lg}_{src}", lg, src) for src, lg in sorted({(d.source, d.language) for d in docs})]
    for name, language, source in slices:
        chosen = [i for i in test_idx if docs[i].language == language and source in (None, docs[i].source)]
        if chosen:
            report[name] = textmodel.evaluate([truth(docs[i]) for i in chosen], [by_index[i] for i in chosen])
    for language in sorted({d.language for d in docs}):
        chosen = [i for i in test_idx if docs[i].language == language]
        report[f"vs_concordance_{language}"] = textmodel.evaluate([docs[i].label for i in chosen],
                                                                  [by_index[i] for i in chosen])["macro_f1"]
    report["sei_agreement"] = sei_agreement(docs, by_index)
    return report, pipeline
