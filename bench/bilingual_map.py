"""Bilingual map check (issue 13, item 1): each bilingual incoPat record placed twice, as its Chinese and its
English version, with other real documents (Lens, PatentsView, CN exports without English) as background.

Prints, with IPC codes given and text only, and for the earlier phrase-term representation as a baseline:
the share of pairs in the same topic (target >= 0.80 with codes) and the median within-pair map distance over
the median distance between random documents of the same industry (target <= 0.25 with codes).

    .venv/bin/python bench/bilingual_map.py [--pairs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BILINGUAL = ("incopat_chatbot_bilingual_part1.xlsx", "incopat_iflytek_efficacy_bilingual.xlsx",
             "incopat_toyota_autonomous_driving_bilingual_rows1-1500.xlsx")
BACKGROUND_CN = ("incopat_ford_autonomous_driving.xlsx", "patentics_cnapp_virtual_reality.csv")


def load(pairs: int | None) -> tuple[list, list[str], list[str], list[str]]:
    from pipeline.commands.classify import _labelled_samples
    from pipeline.enrich.cn_samples import bilingual, read_cn_export
    from pipeline.enrich.industry import load_taxonomy
    from pipeline.enrich.landscape import map_doc
    from pipeline.enrich.samples import primary_label
    from pipeline.settings import PROJECT_ROOT, load_settings

    settings = load_settings()
    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    folder = PROJECT_ROOT / "tests" / "data" / "cn_vendor"
    records, labels = [], []
    for name in BILINGUAL:
        for r in bilingual(read_cn_export(folder / name)):
            label = primary_label(r.codes, industries)
            if label and r.abstract and r.abstract_en:
                records.append(r)
                labels.append(label)
    if pairs:
        records, labels = records[:pairs], labels[:pairs]
    background, background_labels = [], []
    for name in BACKGROUND_CN:
        for r in read_cn_export(folder / name):
            label = primary_label(r.codes, industries)
            if label:
                background.append(map_doc(r.title, r.abstract, r.codes))
                background_labels.append(label)
    samples, sample_labels = _labelled_samples(settings)
    background += [map_doc(s.title, s.abstract, s.codes) for s in samples]
    return records, labels, background, [*background_labels, *sample_labels]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=None)
    args = parser.parse_args()
    from pipeline.enrich import landscape, mapcheck

    records, labels, background, background_labels = load(args.pairs)
    text_background = [landscape.split_doc(d)[0] for d in background]
    assert all(isinstance(t, str) for t in text_background)
    print(f"{len(records)} bilingual records (zh + en = {2 * len(records)} documents), "
          f"{len(background)} background documents")
    runs = {
        "bridged, IPC codes given": dict(with_codes=True, back=background),
        "bridged, text only": dict(with_codes=False, back=text_background),
        "baseline phrase terms, text only": dict(with_codes=False, back=text_background,
                                                 analyzer=landscape.phrase_terms),
    }
    for name, run in runs.items():
        start = time.perf_counter()
        result = mapcheck.measure(records, labels, run["back"], background_labels, with_codes=run["with_codes"],
                                  analyzer=run.get("analyzer"))
        result["seconds"] = round(time.perf_counter() - start, 1)
        print(f"{name}: same topic {result['same_topic']:.1%}, distance ratio {result['distance_ratio']:.3f}  "
              + json.dumps(result))


if __name__ == "__main__":
    main()
