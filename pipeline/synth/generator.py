"""Streaming synthetic record generator (see the package docstring for what is real and what is invented)."""

from __future__ import annotations

import csv
import math
import random
from array import array
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from pipeline.synth.vocabulary import (
    ADDRESS_WEIGHTS,
    ADDRESSES,
    GIVEN,
    INCOPAT_COLUMNS,
    INDUSTRIES,
    INDUSTRY_MIX,
    INDUSTRY_WORDS,
    LEGAL_FORMS,
    NAME_STEMS,
    PROVINCE_CODES,
    SURNAMES,
    SYNTHETIC_MARK,
    UNIVERSITIES,
)

START_YEAR, END_YEAR = 2010, 2025
NEW_DISTRICT_DATE = date(2026, 1, 25)  # 江北区 + 渝北区 merged into 两江新区 (see the FTZ README)


def _weighted(rng: random.Random, items: list[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _filing_date(position: float, rng: random.Random, start_year: int, end_year: int) -> date:
    """Map a record's position (0..1) to a filing date so that yearly volume grows ~12% a year."""
    growth = math.log(1.12)
    span = end_year - start_year + 1
    total = math.expm1(growth * span)
    years = math.log1p(position * total) / growth
    day = date(start_year, 1, 1) + timedelta(days=int(years * 365.25))
    return min(day + timedelta(days=rng.randint(0, 2)), date(end_year, 12, 31))


def _modern_form(address: str, filing: date) -> str:
    """After the 2026 merger addresses read 重庆市两江新区…; before it, the old 江北区/渝北区 forms."""
    if filing >= NEW_DISTRICT_DATE:
        return address.replace("重庆市江北区", "重庆市两江新区").replace("重庆市渝北区", "重庆市两江新区")
    return address


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def generate_records(
    count: int, seed: int = 42, *, number_offset: int = 0, start_year: int = START_YEAR, end_year: int = END_YEAR
) -> Iterator[list[str]]:
    """Yield `count` rows in INCOPAT_COLUMNS order, oldest filing first. Memory: O(count) small ints for the
    citation sampler (preferential attachment needs every earlier record's in-degree), nothing else grows."""
    rng = random.Random(seed)
    # Publication lags filing; nothing is published or granted after this fixed cut-off (keeps output
    # independent of the day it is generated).
    cutoff = date(end_year + 1, 6, 30)
    companies: dict[tuple[str, str], list[str]] = {}
    # Each earlier record appears once, plus once per citation received: sampling uniformly from this array is
    # preferential attachment (the rich get richer) and can only pick earlier records.
    attachment = array("l")
    numbers = array("l")
    for i in range(count):
        filing = _filing_date(i / max(count, 1), rng, start_year, end_year)
        _, tag, postcode, templates = rng.choices(ADDRESSES, weights=ADDRESS_WEIGHTS)[0]
        industry = _weighted(rng, INDUSTRY_MIX[tag])
        vocab = INDUSTRIES[industry]
        address = _modern_form(rng.choice(templates).format(n=rng.randint(1, 999)), filing)
        if tag == "CN":
            province = next((p for p in PROVINCE_CODES if address.startswith(p)), "北京")
            region, postcode = PROVINCE_CODES[province]
        else:
            region = "重庆(50)"
        pool = companies.setdefault((tag, industry), [])
        if len(pool) < 8 or rng.random() < 0.02:
            stem = rng.choice(NAME_STEMS)
            city = "重庆" if tag != "CN" else address[:2]
            pool.append(f"{city}{stem}{rng.choice(INDUSTRY_WORDS[industry])}{rng.choice(LEGAL_FORMS)}")
        # Zipf-like reuse: a few applicants file most patents, as in real portfolios.
        applicant = pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)]
        applicants = [applicant]
        applicant_type = "企业"
        if rng.random() < 0.1:
            applicants.append(rng.choice(UNIVERSITIES))
        kind_roll = rng.random()
        if kind_roll < 0.55:
            doc_type, kind = "发明申请", "A"
        elif kind_roll < 0.9:
            doc_type, kind = "实用新型", "U"
        else:
            doc_type, kind = "外观设计", "S"
        number = 90_000_000 + number_offset + i
        publication = f"CN9{number % 100_000_000:08d}{kind}"
        application = f"CN{filing.year}{rng.randint(1, 3)}{number % 10_000_000:07d}.{rng.randint(0, 9)}"
        published = min(filing + timedelta(days=rng.randint(120, 540) if kind == "A" else rng.randint(90, 240)), cutoff)
        granted = (
            published
            if kind in {"U", "S"}
            else (published + timedelta(days=rng.randint(300, 700)) if rng.random() < 0.45 else None)
        )
        if granted and granted > cutoff:
            granted = None  # not granted yet at the data cut-off
        obj = rng.choice(vocab["objects"])
        title = f"一种{obj}" if kind != "S" else f"{obj}（外观）"
        aim = rng.choice(vocab["aims"])
        abstract = (
            f"本{'发明' if kind == 'A' else '实用新型' if kind == 'U' else '外观设计'}公开了{title}，"
            f"涉及{rng.choice(vocab['words'])}技术领域，通过改进{obj}的结构与控制方法，{aim}，"
            f"适用于{rng.choice(vocab['words'])}领域的规模化应用。"
        )
        ipcs = rng.sample(vocab["ipc"], k=min(len(vocab["ipc"]), rng.randint(1, 3))) if kind != "S" else []
        cited: list[str] = []
        if attachment:
            for _ in range(min(len(numbers), rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 7)))):
                target = attachment[rng.randrange(len(attachment))]
                ref = f"CN9{numbers[target] % 100_000_000:08d}"
                if ref not in cited:
                    cited.append(ref)
                    attachment.append(target)
        attachment.append(i)
        numbers.append(number)
        inventors = [_person(rng) for _ in range(rng.randint(1, 5))]
        row = dict.fromkeys(INCOPAT_COLUMNS, "")
        row.update(
            {
                "序号": str(i + 1),
                "申请日": filing.strftime("%Y%m%d"),
                "公开日": published.strftime("%Y%m%d"),
                "授权公告日": granted.strftime("%Y%m%d") if granted else "0",
                "申请人": ";".join(applicants),
                "发明人": ";".join(inventors),
                "申请号": application,
                "公开号": publication,
                "授权公告号": publication if granted and kind != "A" else "",
                "专利类型": doc_type,
                "专利名称": title,
                "申请摘要": abstract,
                "申请人地址": f"{postcode}{address}",
                "法律状态": "有权" if granted else "审中",
                "主分类号": ipcs[0].replace(" ", "") if ipcs else "",
                "分类号": ";".join(s.replace(" ", "") for s in ipcs),
                "国省代码": region,
                "第一发明人": inventors[0],
                "第一权利人": applicants[0],
                "申请人类型": applicant_type,
                "当前权利人": ";".join(applicants),
                "引证专利": ";".join(cited),
                "引证数": str(len(cited)),
                "简单同族数量": "1",
                "审查员": SYNTHETIC_MARK,
                "全文链接": SYNTHETIC_MARK,
            }
        )
        yield [row[c] for c in INCOPAT_COLUMNS]


def write_incopat_csv(path: Path, count: int, seed: int = 42, **options: int) -> int:
    """Stream `count` synthetic records to `path` (UTF-8 with BOM, as the vendor exports); returns rows written."""
    if "synthetic" not in path.name.lower():
        raise ValueError(f"{path.name}: synthetic files must have 'synthetic' in their name")
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCOPAT_COLUMNS)
        for row in generate_records(count, seed, **options):
            writer.writerow(row)
            written += 1
    return written
