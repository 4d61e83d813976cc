"""Classifier on real text per language (issue 13, item 4): held-out macro-F1 and per-class precision/recall
for Chinese and English, agreement with incoPat's 新兴产业分类; also what `patentnav classify --evaluate` prints.

    .venv/bin/python bench/classifier_eval.py [--variant NAME] [--max-docs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from pipeline.commands.classify import print_evaluation, real_docs
    from pipeline.enrich import clfeval, textmodel
    from pipeline.settings import load_settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", default="default", choices=sorted(textmodel.VARIANTS))
    parser.add_argument("--max-docs", type=int, default=None)
    args = parser.parse_args()
    started = time.time()
    docs = real_docs(load_settings())
    if args.max_docs:
        docs = docs[:: max(1, len(docs) // args.max_docs)]
    report, _ = clfeval.evaluate_docs(docs, build=textmodel.VARIANTS[args.variant])
    report["variant"] = args.variant
    print_evaluation(report)
    print(f"\n{time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
