"""Applicant name keys and conservative grouping, each merge with its rule and score."""

from __future__ import annotations

import pytest

from pipeline.enrich.applicants import entity_type, group_keys, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chongqing Changan Automobile Co., Ltd.", "CHONGQING CHANGAN AUTOMOBILE CO LTD"),
        ("UNIV CHONGQING", "Chongqing University"),
        ("University of Chongqing", "CHONGQING UNIV"),
        ("重慶長安汽車股份有限公司", "重庆长安汽车股份有限公司"),
        ("重庆长安汽车股份有限公司", "重庆长安汽车有限公司"),
        ("ＡＣＭＥ　ＩＮＣ", "Acme Inc."),
    ],
)
def test_spellings_of_one_applicant_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("重庆大学", "重庆理工大学"), ("CHONGQING UNIV", "CHONGQING UNIV TECHNOLOGY"), ("ACME INC", "ACME TOOLS INC")],
)
def test_different_applicants_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_entity_types():
    assert entity_type("渝州理工大学", "organization") == "university"
    assert entity_type("中国科学院重庆绿色智能技术研究院", "organization") == "institute"
    assert entity_type("CHONGQING TIANTAI ALUMINUM CO LTD", "organization") == "company"
    assert entity_type("王伟", "person") == "individual"


def test_grouping_is_exact_then_registry_then_conservative_fuzzy():
    keys = {
        "CHONGQING CHANGAN AUTOMOBILE": "company",
        "重庆长安汽车": "company",
        "CHONGQING CHANGAN AUTOMOBLE": "company",  # typo: fuzzy
        "ACME": "company",  # short: never fuzzy-merged
        "ACMF": "company",
    }
    rep, why = group_keys(keys, [{"CHONGQING CHANGAN AUTOMOBILE", "重庆长安汽车"}])
    assert rep["重庆长安汽车"] == rep["CHONGQING CHANGAN AUTOMOBILE"] == rep["CHONGQING CHANGAN AUTOMOBLE"]
    assert why["重庆长安汽车"] == ("registry", 100.0) or why["CHONGQING CHANGAN AUTOMOBILE"] == ("registry", 100.0)
    fuzzy = [w for w in why.values() if w[0].startswith("fuzzy")]
    assert len(fuzzy) == 1 and fuzzy[0][1] >= 96
    assert rep["ACME"] != rep["ACMF"]
