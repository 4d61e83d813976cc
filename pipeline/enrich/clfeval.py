"""Real-data evaluation of the text model per language (issue 13, item 4).

Documents: every Chinese vendor export under tests/data/cn_vendor (Chinese title + abstract; the English twin
where incoPat gives 标题 (英文)), plus the English Lens and PatentsView samples and the Chinese
cn_patent_text_cpc slices (pipeline.enrich.samples). Labels: the primary level-1 industry from the IPC/CPC
concordance (industry.label_codes, the rule the warehouse uses). Identical texts are kept once.

The split is by document: both language versions of a bilingual record share a group, so a record's English
twin never scores a model that trained on its Chinese text. Folds are stratified by language and label.

incoPat's 新兴产业分类 (the 2018 Strategic Emerging Industries classification, SEI) is an independent label. Only
SEI classes with a defensible one-to-one counterpart among our level-1 industries are mapped (SEI_TO_INDUSTRY);
new materials, new energy, energy saving, digital creative and services have none and are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.enrich import textmodel
from pipeline.enrich.industry import Industry
from pipeline.enrich.samples import primary_label

# SEI class (code prefix) -> our level-1 industry. 1 新一代信息技术 -> ELEC; 2.1 智能制造装备 -> EQUIP; 2.2 航空,
# 2.4 轨道交通, 2.5 海洋工程装备 -> LOGI (our LOGI.AERO/RAIL/SHIP); 4.1 生物医药, 4.2 生物医学工程 -> BIOMED;
# 5 新能源汽车 -> AUTO. Not mapped: 2.3 卫星及应用 (G01S/H04B, split between ELEC and LOGI), 3 新材料, 6 新能源,
# 7 节能环保, 8 数字创意, 9 相关服务, 4.3+ (agriculture etc.).
SEI_TO_INDUSTRY = {"1.": "ELEC", "2.1": "EQUIP", "2.2": "LOGI", "2.4": "LOGI", "2.5": "LOGI",
                   "4.1": "BIOMED", "4.2": "BIOMED", "5.": "AUTO"}
SEI_NAMES = {
    "下一代信息网络产业": "1.1", "电子核心产业": "1.2", "新兴软件和新型信息技术服务": "1.3",
    "互联网与云计算、大数据服务": "1.4", "人工智能": "1.5", "智能制造装备产业": "2.1", "航空装备产业": "2.2",
    "卫星及应用产业": "2.3", "轨道交通装备产业": "2.4", "海洋工程装备产业": "2.5", "生物医药产业": "4.1",
    "生物医学工程产业": "4.2", "新能源汽车整车制造": "5.1", "新能源汽车装置、配件制造": "5.2",
    "新能源汽车相关设施制造": "5.3", "新能源汽车相关服务": "5.4",
}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Doc:
    group: str  # the document (both language versions of a bilingual record share it)
    language: str
    source: str
    text: str
    label: str
    sei: str | None  # incoPat's SEI mapped to our industry, where defensible


def sei_industry(labels: Sequence[str]) -> str | None:
    """Our industry for the first SEI label (names or codes such as '1.5') that has a counterpart."""
    for raw in labels:
        code = SEI_NAMES.get(raw.strip(), raw.strip())
        for prefix, industry in SEI_TO_INDUSTRY.items():
            if code.startswith(prefix):
                return industry
    return None


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
    Chinese prediction (held-out records), with the mapping used."""
    records = {d.group: d for d in docs if d.sei and d.language == "zh"}
    held = [(docs[i], p) for i, p in predicted.items() if docs[i].sei and docs[i].language == "zh"]
    confusion = Counter(f"{d.sei}->{d.label}" for d in records.values() if d.sei != d.label)
    return {
        "mapping": dict(SEI_TO_INDUSTRY),
        "records_with_mapped_sei": len(records),
        "concordance_agrees": _share(sum(d.sei == d.label for d in records.values()), len(records)),
        "heldout_records": len(held),
        "model_agrees": _share(sum(d.sei == p for d, p in held), len(held)),
        "concordance_agrees_heldout": _share(sum(d.sei == d.label for d, _ in held), len(held)),
        "top_disagreements": dict(confusion.most_common(6)),
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate_docs(docs: Sequence[Doc], *, folds: int = 4, seed: int = 7,
                  build: Callable[[], Any] | None = None) -> tuple[dict[str, Any], Any]:
    """Train on the training fold (both languages), score text-only predictions on the held-out fold per
    language and source; returns the report and the fitted pipeline."""
    docs = dedupe(docs)
    train_idx, test_idx = split(docs, folds, seed)
    pipeline, card = textmodel.train([f"{docs[i].group}:{docs[i].language}" for i in train_idx],
                                     [docs[i].text for i in train_idx], [docs[i].label for i in train_idx],
                                     build=build)
    predicted, _ = textmodel.predict(pipeline, [docs[i].text for i in test_idx])
    by_index = dict(zip(test_idx, predicted, strict=True))
    report: dict[str, Any] = {
        "data": "real documents only: CN vendor exports (zh + incoPat English twins), Lens, PatentsView, "
                "cn_patent_text_cpc; identical texts kept once; labels = primary level-1 industry of the "
                "IPC/CPC concordance; text only (title twice + abstract)",
        "split": {"method": f"StratifiedGroupKFold({folds}) fold 1, groups = documents (bilingual twins together)",
                  "seed": seed, "train": len(train_idx), "test": len(test_idx)},
        "train_class_counts": card["class_counts"],
    }
    slices: list[tuple[str, str, str | None]] = [(f"real_{lg}", lg, None) for lg in sorted({d.language for d in docs})]
    slices += [(f"real_{lg}_{src}", lg, src) for src, lg in sorted({(d.source, d.language) for d in docs})]
    for name, language, source in slices:
        chosen = [i for i in test_idx if docs[i].language == language and source in (None, docs[i].source)]
        if chosen:
            report[name] = textmodel.evaluate([docs[i].label for i in chosen], [by_index[i] for i in chosen])
    report["sei_agreement"] = sei_agreement(docs, by_index)
    return report, pipeline
