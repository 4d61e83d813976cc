"""The Chinese-English bridge: CC-CEDICT senses, plural folding, code tokens, reverse lookup."""

from __future__ import annotations

from pipeline.enrich import bridge, landscape
from pipeline.enrich.textmodel import tokenize


def test_chinese_and_english_of_one_invention_share_their_terms() -> None:
    zh = set(landscape.word_terms("一种锂离子电池的充电方法"))
    en = set(landscape.word_terms("Charging method for lithium ion batteries"))
    assert {"lithium", "ion", "battery"} <= zh & en
    assert "method" not in zh | en  # boilerplate on both sides of the bridge


def test_an_unlisted_word_is_split_into_listed_ones() -> None:
    assert "锂离子" not in bridge.dictionary()
    assert bridge.translate_word("锂离子") == ("lithium", "ion")
    # several senses, because the first is not always the technical one
    assert {"robot", "android"} <= set(bridge.translate_word("机器人"))


def test_plural_folding_keeps_readable_words() -> None:
    assert [bridge.stem(w) for w in ("batteries", "processes", "devices", "gas", "circuits", "boxes")] == [
        "battery", "process", "device", "gas", "circuit", "box"]


def test_code_terms_are_subclass_and_main_group() -> None:
    assert bridge.code_terms(["G06F 17/30", "G06F17/40", "B60W", "not a code"]) == [
        "ipc:G06F", "ipc:G06F17", "ipc:B60W"]
    assert bridge.split_codes("G06F 17/30|H04L 29/06; B60W") == ["G06F 17/30", "H04L 29/06", "B60W"]


def test_reverse_lookup_picks_the_common_chinese_word() -> None:
    assert bridge.to_chinese("battery") == "电池"
    assert bridge.to_chinese("neural network") == "神经网络"
    assert bridge.to_chinese("qwxz") is None


def test_mixed_text_tokens_bridge_in_order() -> None:
    assert bridge.bridged_tokens(tokenize("激光 welding")) == ["laser", "welding"]
