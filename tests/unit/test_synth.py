"""The synthetic generator: deterministic, streaming, realistic in the ways the analyses depend on."""

from __future__ import annotations

import csv
import statistics
import tracemalloc
from collections import Counter
from itertools import islice

import pytest

from pipeline.synth import INCOPAT_COLUMNS, SYNTHETIC_MARK, generate_records, write_incopat_csv


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return [dict(zip(INCOPAT_COLUMNS, r, strict=True)) for r in generate_records(4000, seed=7)]


def test_same_seed_same_bytes(tmp_path):
    a = write_incopat_csv(tmp_path / "a_synthetic.csv", 500, seed=3)
    b = write_incopat_csv(tmp_path / "b_synthetic.csv", 500, seed=3)
    assert a == b == 500
    assert (tmp_path / "a_synthetic.csv").read_bytes() == (tmp_path / "b_synthetic.csv").read_bytes()
    write_incopat_csv(tmp_path / "c_synthetic.csv", 500, seed=4)
    assert (tmp_path / "a_synthetic.csv").read_bytes() != (tmp_path / "c_synthetic.csv").read_bytes()


def test_file_name_must_say_synthetic(tmp_path):
    with pytest.raises(ValueError, match="synthetic"):
        write_incopat_csv(tmp_path / "real_looking.csv", 10)


def test_every_record_is_marked(rows):
    assert all(r["审查员"] == SYNTHETIC_MARK for r in rows)
    assert all(r["公开号"].startswith("CN9") for r in rows)


def test_all_three_zones_old_and_new_address_forms(rows):
    addresses = [r["申请人地址"] for r in rows]
    for keyword in ("西永", "团结村", "两路寸滩", "空港", "江北嘴", "果园港", "鱼嘴"):
        assert any(keyword in a for a in addresses), keyword
    assert any("重庆市渝北区" in a for a in addresses)
    assert any("重庆市两江新区" in a for a in addresses)
    assert any("Chongqing" in a for a in addresses)


def test_doc_type_mix_and_growth(rows):
    types = Counter(r["专利类型"] for r in rows)
    assert set(types) == {"发明申请", "实用新型", "外观设计"}
    years = Counter(int(r["申请日"][:4]) for r in rows)
    assert years[2024] > 2 * years[2012]


def test_citations_point_backwards_and_in_degree_is_heavy_tailed(rows):
    position = {r["公开号"][:-1]: i for i, r in enumerate(rows)}
    in_degree: Counter[str] = Counter()
    for i, r in enumerate(rows):
        for ref in filter(None, r["引证专利"].split(";")):
            assert position[ref] < i
            in_degree[ref] += 1
        assert r["引证数"] == str(len([x for x in r["引证专利"].split(";") if x]))
    counts = sorted(in_degree.values())
    assert counts[-1] > 20 * statistics.median(counts)


def test_streams_in_bounded_memory():
    tracemalloc.start()
    for _ in islice(generate_records(20_000, seed=1), 20_000):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_number_offset_continues_the_series(tmp_path):
    first = next(generate_records(1, seed=1, number_offset=0))
    later = next(generate_records(1, seed=1, number_offset=5000))
    assert first[INCOPAT_COLUMNS.index("公开号")][:-1] != later[INCOPAT_COLUMNS.index("公开号")][:-1]
    path = tmp_path / "x_synthetic.csv"
    write_incopat_csv(path, 3)
    with open(path, encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == INCOPAT_COLUMNS
