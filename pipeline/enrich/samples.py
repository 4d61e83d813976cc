"""Labelled real samples for evaluating the text model: text from the sample files, labels from their codes.

English: Lens exports (title; abstract where the export has one; IPCR codes) and PatentsView g_patent titles
with g_cpc_current subclasses. Chinese: the cn_patent_text_cpc CSVs (title + abstract, CPC groups). Labels come
from the same concordance as the warehouse (industry.label_codes), so the model is judged on reproducing the
code-based industry from text alone.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.enrich.industry import Industry, label_codes


@dataclass(frozen=True)
class Sample:
    id: str
    title: str
    abstract: str
    codes: tuple[str, ...]
    language: str
    source: str


def primary_label(codes: tuple[str, ...], industries: list[Industry]) -> str | None:
    scores = label_codes(list(codes), industries)
    if not scores:
        return None
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def read_lens(path: Path) -> list[Sample]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Sample(
            id=r.get("Publication Number") or r.get("Display Key") or r["Lens ID"],
            title=r.get("Title") or "",
            abstract=r.get("Abstract") or "",
            codes=tuple(c for c in (r.get("IPCR Classifications") or "").split(";;") if c.strip()),
            language="en",
            source="lens",
        )
        for r in rows
        if (r.get("Title") or "").strip()
    ]


def read_patentsview(folder: Path) -> list[Sample]:
    codes: dict[str, list[tuple[int, str]]] = {}
    with open(folder / "g_cpc_current.tsv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            symbol = r.get("cpc_group") or r["cpc_subclass"]
            codes.setdefault(r["patent_id"], []).append((int(r["cpc_sequence"] or 0), symbol))
    samples = []
    with open(folder / "g_patent.tsv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["patent_id"] in codes and (r.get("patent_title") or "").strip():
                ordered = tuple(s for _, s in sorted(codes[r["patent_id"]]))
                samples.append(Sample("US" + r["patent_id"], r["patent_title"], "", ordered, "en", "patentsview"))
    return samples


_TITLE = re.compile(r"Title:\s*(.*?)\s*(?:\n|$)")
_ABSTRACT = re.compile(r"Abstract:\s*(.*)", re.S)


def read_cn_text(path: Path) -> list[Sample]:
    samples = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            text = (r.get("text") or "").strip()
            if not text:
                continue
            if "[SEP]" in text:
                parts = [p.strip() for p in text.split("[SEP]")]
                title, abstract = parts[0], parts[-1]
            else:
                t, a = _TITLE.search(text), _ABSTRACT.search(text)
                title, abstract = (t.group(1) if t else ""), (a.group(1).strip() if a else text)
            labels = tuple(json.loads(r.get("labels") or "[]"))
            samples.append(Sample(r["publication_number"], title, abstract, labels, "zh", "cn_patent_text_cpc"))
    return samples


def load_real_samples(sample_dir: Path, cn_dirs: list[Path]) -> list[Sample]:
    samples: list[Sample] = []
    for path in sorted((sample_dir / "lens").glob("*.csv")):
        samples.extend(read_lens(path))
    if (sample_dir / "patentsview" / "g_patent.tsv").exists():
        samples.extend(read_patentsview(sample_dir / "patentsview"))
    for folder in cn_dirs:
        for path in sorted(folder.glob("*.csv")):
            samples.extend(read_cn_text(path))
    unique = {s.id: s for s in samples if s.codes}
    return list(unique.values())
