"""Issue 22 item 4 on real bilingual incoPat records held out of the term table: a Chinese label's English
rendering uses the English documents' own words more often with the term table than with CC-CEDICT alone."""

from __future__ import annotations

from pathlib import Path

from pipeline.enrich import termeval

ROOT = Path(__file__).resolve().parents[2]


def test_term_table_renders_labels_in_the_documents_english() -> None:
    records = termeval.held_out_records(ROOT / "tests" / "data" / "cn_vendor")
    assert len(records) >= 1000
    result = termeval.measure(records)
    assert result["groups"] >= 40
    assert result["before"] is not None and result["after"] is not None
    assert result["after"] >= 0.75 and result["after"] >= result["before"] + 0.15, result
    labels = " ".join(e["label_zh"] for e in result["examples"])
    assert "外观" not in labels  # design boilerplate is never a topic word
