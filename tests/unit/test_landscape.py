"""Landscape map: transform places new documents without moving old ones; Procrustes stability <= 0.05."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.enrich import landscape

THEMES = [
    "lithium battery cell electrode electrolyte charging pack thermal",
    "gas turbine blade combustor compressor nozzle airflow",
    "antibody protein sequence binding tumour treatment dose",
    "semiconductor wafer transistor gate etching dielectric",
    "robot arm gripper joint servo trajectory welding",
]


def make_docs(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    words = [t.split() for t in THEMES]
    docs = []
    for _ in range(n):
        theme = words[rng.integers(len(words))]
        other = words[rng.integers(len(words))]
        docs.append(" ".join(list(rng.choice(theme, 6)) + list(rng.choice(other, 1))))
    return docs


def test_phrase_terms_drop_boilerplate_and_build_bigrams() -> None:
    terms = landscape.phrase_terms("A method and system for gas turbine blade cooling, JP B2")
    assert "gas turbine" in terms and "turbine blade" in terms
    assert not {"method", "system", "jp", "b2"} & set(terms)
    zh = landscape.phrase_terms("一种锂离子电池的制备方法")
    assert "一种" not in zh and "方法" not in zh and any("电池" in t for t in zh)


def test_adding_one_percent_keeps_old_documents_still(tmp_path: Path) -> None:
    old = make_docs(2000, seed=1)
    new = make_docs(20, seed=2)  # 1%
    fitted = landscape.fit_map(old, components=10)
    landscape.save_map(fitted, tmp_path)
    before = fitted.transform(old)
    reloaded = landscape.load_map(tmp_path)
    assert reloaded is not None
    after_all = reloaded.transform(old + new)
    disparity = landscape.procrustes_disparity(before, after_all[: len(old)])
    assert disparity <= 0.05
    assert np.allclose(before, after_all[: len(old)], atol=1e-5)  # incremental placement: nothing moves


def test_density_contours_are_polygons_in_bounds() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(0, 1, 500), rng.normal(0, 1, 500)
    contours = landscape.density_contours(x, y, (-4, 4, -4, 4))
    assert contours and all(0 < level < 1 for _, level, _ in contours)
    for _, _, polygons in contours:
        for polygon in polygons:
            assert all(-4.1 <= px <= 4.1 and -4.1 <= py <= 4.1 for px, py in polygon)
