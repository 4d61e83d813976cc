"""The zh→en term table learned by alignment statistics (pipeline.enrich.termtable) and its use in the bridge."""

from __future__ import annotations

from pathlib import Path

from pipeline.enrich import termtable

PAIRS = [
    ("机器人控制方法", "Robot control method"),
    ("一种工业机器人", "Industrial robot"),
    ("机器人手臂及其控制", "Robot arm and control thereof"),
    ("焊接机器人", "Welding robot"),
    ("手臂结构", "Arm structure"),
]


def test_competitive_linking_learns_robot_not_the_dictionary_sense(tmp_path: Path) -> None:
    table = {t.zh: t for t in termtable.learn(PAIRS)}
    assert table["机器人"].en == "robot" and table["机器人"].links == 4
    assert "手臂" not in table  # linked twice only: below MIN_LINKS
    path = tmp_path / "t.csv"
    termtable.write(list(table.values()), path, "test")
    assert termtable.load(path)["机器人"] == "robot"
    assert termtable.load(tmp_path / "missing.csv") == {}


def test_english_pairs_win_over_their_words() -> None:
    pairs = [("神经网络训练", "Neural network training"), ("神经网络模型", "Neural network model"),
             ("卷积神经网络", "Convolutional neural network"), ("神经网络加速", "Neural network acceleration")]
    assert {t.zh: t.en for t in termtable.learn(pairs)}["神经网络"] == "neural network"


def test_held_out_fold_is_stable_and_about_a_fifth() -> None:
    ids = [f"CN{n}A" for n in range(2000)]
    held = [i for i in ids if termtable.is_held_out(i)]
    assert 0.17 < len(held) / len(ids) < 0.23
    assert held == [i for i in ids if termtable.is_held_out(i)]


def test_bridge_and_topic_labels_use_the_shipped_table_first() -> None:
    from pipeline.enrich import bridge, topiclabels

    assert bridge.gloss("无线通信", use_terms=False) == "wireless correspond"  # CC-CEDICT's first sense
    assert bridge.gloss("无线通信") == "wireless communication"
    assert topiclabels.to_english(["自动驾驶"]) == ["automatic driving"]
    assert "communication" in bridge.translate_word("通信")
    assert bridge.to_chinese("vehicle") == "车辆"


def test_topic_check_rejects_design_boilerplate_labels() -> None:
    import duckdb

    from pipeline.sql import run_sql
    from pipeline.warehouse.checks import run_checks

    con = duckdb.connect()
    con.execute("create schema enrich")
    run_sql(con, "enrich/topic_create")
    con.execute("insert into enrich.topic (topic_id, label_zh, label_en) values "
                "('t1', '语音识别、神经网络', 'speech recognition / neural network'), "
                "('t2', '外观设计、加速器', 'look / neural network accelerator'), "
                "('t3', '车辆、座椅', 'vehicle / ornamental design')")
    [result] = run_checks(con, "enrich_topic_label_no_design")
    assert result.offending_count == 2 and sorted(str(row[0]) for row in result.sample) == ["t2", "t3"]
