"""Real records from Chinese vendor exports (incoPat, Patentics, ...) for the bilingual map measurement and the
classifier: the export's Chinese title/abstract, its English twin where the export has one (incoPat's
标题 (英文) / 摘要 (英文)), the IPC codes and incoPat's 新兴产业分类 (sei), an independent industry label.

Read with the same header dictionary and cell parsers as ingestion (pipeline.sources.cn), without a warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CnRecord:
    id: str
    title: str
    abstract: str
    title_en: str
    abstract_en: str
    codes: tuple[str, ...]
    sei: tuple[str, ...]  # 新兴产业分类 labels as the export states them


def read_cn_export(path: Path) -> list[CnRecord]:
    """Records with a Chinese title and at least one IPC/CPC code, in file order, one per publication number."""
    from pipeline.sources.cn.aliases import load_aliases
    from pipeline.sources.cn.document import _language_pair, column_order, parse_row
    from pipeline.sources.cn.tables import tables

    dictionary = load_aliases()
    found: dict[str, CnRecord] = {}
    for table in tables(path):
        columns = column_order(table.mapping, dictionary)
        for row in table.rows():
            fields = parse_row(row.values, columns).fields
            number = fields.get("publication_number") or fields.get("application_number")
            title, title_en = _language_pair(fields, "title")
            abstract, abstract_en = _language_pair(fields, "abstract")
            codes = tuple(dict.fromkeys([*(fields.get("ipc_main") or []), *(fields.get("ipc") or []),
                                         *(fields.get("cpc") or [])]))
            if not number or not title or not codes or str(number) in found:
                continue
            sei = tuple(label or code for code, label in [*fields.get("sei_main", ()), *fields.get("sei", ())])
            found[str(number)] = CnRecord(str(number), title, abstract or "", title_en or "", abstract_en or "",
                                          codes, tuple(dict.fromkeys(sei)))
    return list(found.values())


def bilingual(records: list[CnRecord]) -> list[CnRecord]:
    """Records whose export gives both a Chinese and an English title."""
    return [r for r in records if r.title and r.title_en]
