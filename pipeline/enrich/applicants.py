"""Applicant normalisation into entities, every merge explainable (rule + score).

Three merge rules, most certain first:
  exact    the same name key after folding width, traditional->simplified, case, punctuation and legal forms
           ('Chongqing Changan Automobile Co., Ltd.' = 'CHONGQING CHANGAN AUTOMOBILE CO LTD'; 'UNIV CHONGQING' =
           'CHONGQING UNIVERSITY'; '重慶長安汽車股份有限公司' = '重庆长安汽车股份有限公司')
  registry the analyst-edited registry lists the names as variants of one applicant (crosses languages)
  fuzzy    token-sort similarity >= 96 within a block of keys sharing their first four characters, same entity
           type, both keys at least 8 characters long (conservative: no merge of short or generic names)
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

import duckdb

from pipeline.normalize import to_halfwidth
from pipeline.sql import run_sql

FUZZY_THRESHOLD = 96.0
FUZZY_BLOCK_LIMIT = 3000

_EN_LEGAL = {
    "CO",
    "LTD",
    "LIMITED",
    "INC",
    "INCORPORATED",
    "CORP",
    "CORPORATION",
    "LLC",
    "GMBH",
    "AG",
    "SA",
    "PLC",
    "COMPANY",
    "KK",
    "BV",
    "NV",
    "SRL",
    "SPA",
    "OY",
    "AB",
    "LP",
    "LLP",
    "SAS",
    "CO.,LTD",
    "THE",
}
_ZH_LEGAL = ("股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "集团公司", "公司", "集团")
_UNIVERSITY_RE = re.compile(r"大学|\bUNIV\b|\bUNIVERSITY\b|\bCOLLEGE\b|INSTITUTE OF TECHNOLOGY")
_COLLEGE_RE = re.compile(r"学院")  # after the institute test: 科学院 (academy) also contains 学院
_INSTITUTE_RE = re.compile(
    r"研究院|研究所|研究中心|科学院|\bINSTITUTE\b|\bACADEMY\b|\bLAB(ORATORY)?\b|\bCENTER\b|\bCENTRE\b"
)
_COMPANY_RE = re.compile(r"公司|厂|\bCO\b|\bLTD\b|\bINC\b|\bCORP\b|\bLLC\b|\bGMBH\b|\bAG\b|\bPLC\b|\bCOMPANY\b|\bKK\b")


@cache
def _t2s() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def name_key(name: object) -> str | None:
    """The merge key of an applicant name (see the module docstring); None for an empty name."""
    if name is None:
        return None
    text = _t2s().convert(to_halfwidth(str(name))).upper()
    text = text.replace("（", "(").replace("）", ")")
    if re.search(r"[\u4e00-\u9fff]", text):
        compact = re.sub(r"[\s·・,.，。()]", "", text)
        changed = True
        while changed:
            changed = False
            for suffix in _ZH_LEGAL:
                if compact.endswith(suffix) and len(compact) > len(suffix) + 1:
                    compact = compact[: -len(suffix)]
                    changed = True
        return compact or None
    tokens = [t for t in re.split(r"[^A-Z0-9&]+", text) if t]
    tokens = ["UNIVERSITY" if t == "UNIV" else t for t in tokens]
    tokens = [t for t in tokens if t not in _EN_LEGAL]
    if "UNIVERSITY" in tokens:
        rest = sorted(t for t in tokens if t not in {"UNIVERSITY", "OF"})
        return " ".join(["UNIVERSITY", *rest]) or None
    return " ".join(tokens) or None


def entity_type(name: str, party_type: str | None) -> str:
    upper = to_halfwidth(name).upper()
    if _UNIVERSITY_RE.search(upper):
        return "university"
    if _INSTITUTE_RE.search(upper):
        return "institute"
    if _COLLEGE_RE.search(upper):
        return "university"
    if _COMPANY_RE.search(upper):
        return "company"
    if party_type == "person":
        return "individual"
    return "other"


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        return True


def group_keys(
    keys: dict[str, str], registry_groups: Iterable[set[str]] = ()
) -> tuple[dict[str, str], dict[str, tuple[str, float]]]:
    """keys: name key -> entity type. Returns key -> representative key, and the merge rule/score per key."""
    from rapidfuzz import fuzz

    union = _UnionFind()
    why: dict[str, tuple[str, float]] = {k: ("exact", 100.0) for k in keys}
    for group in registry_groups:
        present = sorted(k for k in group if k in keys)
        for other in present[1:]:
            if union.union(present[0], other):
                why[other] = ("registry", 100.0)
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) >= 8:
            blocks[key[:4]].append(key)
    for block in blocks.values():
        if len(block) < 2 or len(block) > FUZZY_BLOCK_LIMIT:
            continue
        block.sort()
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if keys[a] != keys[b]:
                    continue
                score = fuzz.token_sort_ratio(a, b)
                if score >= FUZZY_THRESHOLD and union.union(a, b):
                    why[b if union.find(b) != b else a] = ("fuzzy:token_sort_ratio", round(score, 1))
    return {k: union.find(k) for k in keys}, why


def build_applicant_entities(con: duckdb.DuckDBPyConnection, registry_groups: Iterable[set[str]] = ()) -> int:
    """Create enrich.applicant_entity, enrich.patent_applicant and the temp mapping geo_name_entity."""
    import pyarrow as pa

    names = run_sql(con, "enrich/applicants_names").fetchall()
    key_of = {row[0]: name_key(row[1]) or row[0] for row in names}
    types: dict[str, str] = {}
    for name_norm, raw, party_type, _, _ in names:
        types.setdefault(key_of[name_norm], entity_type(raw, party_type))
    representative, why = group_keys(types, registry_groups)

    display: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    variants: dict[str, set[str]] = defaultdict(set)
    for name_norm, raw, _, country, count in names:
        rep = representative[key_of[name_norm]]
        display[rep][raw] += count
        if country:
            countries[rep][country] += count
        variants[rep].add(name_norm)
    entity_id = {rep: hashlib.md5(rep.encode(), usedforsecurity=False).hexdigest()[:16] for rep in display}
    merged_by: dict[str, tuple[str, float]] = {}
    for key, rep in representative.items():
        rule, score = why[key]
        if key != rep and (rep not in merged_by or score < merged_by[rep][1]):
            merged_by[rep] = (rule, score)
    entities = pa.Table.from_pylist(
        [
            {
                "entity_id": entity_id[rep],
                "display_name": display[rep].most_common(1)[0][0],
                "name_key": rep,
                "entity_type": types[rep],
                "country": countries[rep].most_common(1)[0][0] if countries[rep] else None,
                "variant_count": len(variants[rep]),
                "merge_rule": merged_by.get(rep, ("exact", 100.0))[0],
                "merge_score": merged_by.get(rep, ("exact", 100.0))[1],
            }
            for rep in sorted(display)
        ]
    )
    mapping = pa.Table.from_pylist(
        [
            {"name_norm": n, "name_key": key_of[n], "entity_id": entity_id[representative[key_of[n]]]}
            for n in sorted(key_of)
        ],
        schema=pa.schema([("name_norm", pa.string()), ("name_key", pa.string()), ("entity_id", pa.string())]),
    )
    con.register("_entities", entities)
    con.register("_name_entity", mapping)
    run_sql(con, "enrich/applicants_entity")
    run_sql(con, "enrich/applicants_name_entity")
    run_sql(con, "enrich/applicants_patent_applicant")
    con.unregister("_entities")
    con.unregister("_name_entity")
    return len(display)
