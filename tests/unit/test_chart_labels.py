"""Label text and placement for the networks and the life-cycle chart, without a browser."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.render.chart_graphs import collaboration_chart, compress_years, lifecycle_chart, short_name


@pytest.mark.parametrize("name, short", [
    ("重庆长安汽车股份有限公司", "长安汽车"),
    ("重庆蓉芯信息技术集团有限公司", "蓉芯信息技术"),
    ("重庆邮电大学", "重庆邮电大学"),
    ("京东方科技集团股份有限公司", "京东方科技"),
    ("Unisys Corporation", "Unisys"),
    ("Elechem Co., Ltd.", "Elechem"),
    ("Karl Lautenschlager GmbH & Co. KG", "Karl Lautenschlager"),
    ("Image Technology International, Inc.", "Image Technology In…"),
    ("", ""),
])
def test_short_name(name: str, short: str) -> None:
    assert short_name(name) == short


def test_compress_years() -> None:
    assert compress_years([2005, 2001, 2002, 2003]) == "2001–2003, 2005"
    assert compress_years([2020]) == "2020"


def layer(spec: dict, name: str) -> dict:
    [found] = [layer for layer in spec["layer"] if layer.get("name") == name]
    return found


def rows_of(spec: dict, part: dict) -> list[dict]:
    return spec["datasets"][part["data"]["name"]]


def test_collaboration_labels_are_short_names_and_the_spec_is_searchable() -> None:
    nodes = pl.DataFrame({"id": ["a", "b", "c"], "label": ["重庆长安汽车股份有限公司", "重庆大学", "<b>x</b>"],
                          "x": [0.0, 1.0, 0.5], "y": [0.0, 0.0, 1.0], "size": [5.0, 3.0, 1.0],
                          "partners": [2, 2, 1]})
    edges = pl.DataFrame({"x": [0.0], "y": [0.0], "x2": [1.0], "y2": [0.0], "weight": [3.0]})
    spec = collaboration_chart(nodes, edges)
    texts = [r["text"] for r in rows_of(spec, layer(spec, "nodelabels"))]
    assert texts[:2] == ["长安汽车", "重庆大学"]
    assert {"name": "search", "value": ""} in spec["params"]
    assert "search" in str(layer(spec, "nodes")["encoding"]["opacity"])
    assert layer(spec, "nodes")["encoding"]["size"]["legend"]["title"] == "合作专利数 Co-applied patents"


def test_life_cycle_labels_every_year_and_merges_coinciding_points() -> None:
    data = pl.DataFrame({"filing_year": [2010, 2011, 2012, 2013, 2014],
                         "applications": [1, 1, 5, 9, 14], "applicants": [1, 1, 3, 6, 8]})
    spec = lifecycle_chart(data)
    texts = sorted(r["text"] for r in rows_of(spec, layer(spec, "yearlabels")))
    assert texts == ["2010–2011", "2012", "2013", "2014"]
