"""Efficacy extraction on real sentences from the CN sample exports (incoPat iFLYTEK / chatbot abstracts)."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.analyse.navigation_efficacy_text import (
    classify_object,
    extract_efficacies,
    extract_statements,
    parse_vocabulary,
    vendor_efficacies,
)

VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "data" / "reference" / "efficacy_vocabulary.csv"


def vocabulary() -> dict:
    with open(VOCABULARY_FILE, encoding="utf-8-sig", newline="") as handle:
        return parse_vocabulary(csv.DictReader(handle))


def codes(text: str) -> list[str | None]:
    return [s.efficacy_code for s in extract_efficacies(text, vocabulary())]


def test_chinese_head_noun_decides() -> None:
    # incopat_iflytek_efficacy_slice.xlsx, 篇章处理方法: the object is "实体关系抽取的准确性"; its head 准确 → ACCURACY.
    text = ("基于待处理篇章和实体对的证据句，选择作为实体对之间实体关系的预设关系。"
            "通过上述方式，能够提高实体关系抽取的准确性。")
    statements = extract_statements(text, vocabulary())
    found = [(s.cue, s.object_text, s.efficacy_code) for s in statements]
    assert found == [("提高", "实体关系抽取的准确性", "ACCURACY")]


def test_two_cues_in_one_clause_and_unmapped_objects() -> None:
    # 音频粒子提取方法: "提高音频粒子的质量" → QUALITY; "提高声浪合成的效果" names nothing in the vocabulary.
    text = "上述方案，能够提高音频粒子的质量，进而提高声浪合成的效果。"
    statements = extract_statements(text, vocabulary())
    assert [(s.object_text, s.efficacy_code) for s in statements] == [("音频粒子的质量", "QUALITY"),
                                                                       ("声浪合成的效果", None)]
    assert codes(text) == ["QUALITY"]
    # "提高交互效率…提高用户体验" (智能家居系统的控制方法): two efficacies, first statement per code only.
    assert codes("能够提高交互效率的控制方法；并因此提高用户与智能家居系统的交互效率；提高用户体验") == ["EFFICIENCY",
                                                                                             "EXPERIENCE"]


def test_object_stops_at_next_cue() -> None:
    # "降低成本并提高效率": two statements, the first object cut before 提高.
    assert codes("有效降低成本并提高效率。") == ["COST", "EFFICIENCY"]


def test_english() -> None:
    # incoPat English abstracts: head noun first; the object stops at "and", "by", punctuation.
    text = ("The method can improve the accuracy of speech recognition and reduce the power consumption of the "
            "terminal, thereby improving user experience.")
    statements = extract_efficacies(text, vocabulary())
    assert [(s.cue, s.efficacy_code) for s in statements] == [("improve", "ACCURACY"), ("reduce", "ENERGY"),
                                                              ("improving", "EXPERIENCE")]
    assert codes("The invention discloses a method for multimodal question answering.") == []


def test_no_text() -> None:
    assert codes("") == [] and extract_statements(None, vocabulary()) == []


def test_vendor_phrases_map_to_the_same_vocabulary() -> None:
    # incoPat 技术功效短语 / 2级 of the 智能家居 and 篇章处理 rows.
    assert vendor_efficacies(["提高交互效率", "提高用户体验", "智能家居", "准确性提高"], vocabulary()) == {
        "EFFICIENCY", "EXPERIENCE", "ACCURACY"}
    assert classify_object("获取相关信息", vocabulary()) is None


def test_subject_descriptions_are_not_efficacies() -> None:
    # Synthetic-sample abstracts say "改进神经网络加速器的结构与控制方法": 结构 is followed by "与控制方法", so the
    # object names the invention, not an efficacy. "降低功耗" and "缩短充电时间" are efficacies.
    assert codes("本发明涉及改进神经网络加速器的结构与控制方法，能够降低功耗并缩短充电时间。") == ["ENERGY", "SPEED"]
    # A term far from the head ("…时间期间运营较大车辆的需要", Ford abstract) does not count.
    assert codes("减少对在高峰需求时间期间运营较大车辆的需要") == []
