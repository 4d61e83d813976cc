"""One-off builder of data/reference/cq_places.csv (the Chongqing place table used to read addresses as filed).

Reads the NBS 2023 division lists from the project's shared reference copy (modood/Administrative-divisions-of-China,
WTFPL) and adds the hand-entered historical names, functional areas and parks below. Run it again only to
refresh from a newer division list; the CSV is the reference data the pipeline reads (never this script).

    python tools/build_cq_places.py ../shared/data/reference/cn_admin_divisions > data/reference/cq_places.csv
"""

from __future__ import annotations

import collections
import csv
import re
import sys
from pathlib import Path

NBS = "NBS 2023 统计用区划代码 (modood/Administrative-divisions-of-China dist/areas.csv, streets.csv @ 57a0aa9)"
CHANGES = "国务院 approvals of county-level changes as listed by 民政部 (行政区划变更); month precision"

# name, kind, district codes, valid_from, valid_to, confidence, source, note
HISTORICAL = [
    ("开县", "former", "500154", "", "2016-06-08", 0.95, CHANGES, "开县 → 开州区 (2016)"),
    ("梁平县", "former", "500155", "", "2016-12-31", 0.95, CHANGES, "梁平县 → 梁平区 (2016)"),
    ("武隆县", "former", "500156", "", "2016-12-31", 0.95, CHANGES, "武隆县 → 武隆区 (2016)"),
    ("潼南县", "former", "500152", "", "2015-06-30", 0.95, CHANGES, "潼南县 → 潼南区 (2015)"),
    ("荣昌县", "former", "500153", "", "2015-06-30", 0.95, CHANGES, "荣昌县 → 荣昌区 (2015)"),
    ("璧山县", "former", "500120", "", "2014-05-31", 0.95, CHANGES, "璧山县 → 璧山区 (2014)"),
    ("铜梁县", "former", "500151", "", "2014-05-31", 0.95, CHANGES, "铜梁县 → 铜梁区 (2014)"),
    ("大足县", "former", "500111", "", "2011-10-31", 0.95, CHANGES, "大足县 and 双桥区 merged into 大足区 (2011)"),
    ("双桥区", "former", "500111", "", "2011-10-31", 0.95, CHANGES, "双桥区 merged into 大足区 (2011); 双桥经开区 since"),
    ("綦江县", "former", "500110", "", "2011-10-31", 0.95, CHANGES, "綦江县 and 万盛区 merged into 綦江区 (2011)"),
    ("万盛区", "former", "500110", "", "2011-10-31", 0.95, CHANGES, "万盛区 merged into 綦江区 (2011); 万盛经开区 since"),
    ("江津市", "former", "500116", "", "2006-10-31", 0.95, CHANGES, "county-level city → 江津区 (2006)"),
    ("合川市", "former", "500117", "", "2006-10-31", 0.95, CHANGES, "county-level city → 合川区 (2006)"),
    ("永川市", "former", "500118", "", "2006-10-31", 0.95, CHANGES, "county-level city → 永川区 (2006)"),
    ("南川市", "former", "500119", "", "2006-10-31", 0.95, CHANGES, "county-level city → 南川区 (2006)"),
    ("长寿县", "former", "500115", "", "2001-12-31", 0.95, CHANGES, "长寿县 → 长寿区 (2001)"),
    ("黔江土家族苗族自治县", "former", "500114", "", "2000-06-30", 0.95, CHANGES, "→ 黔江区 (2000)"),
    ("万县市", "former", "500101", "", "1998-05-31", 0.9, CHANGES, "→ 万州区 (1998)"),
    ("涪陵市", "former", "500102", "", "1998-05-31", 0.9, CHANGES, "→ 涪陵区 (1998)"),
    ("巴县", "former", "500113", "", "1994-12-31", 0.9, CHANGES, "→ 巴南区 (1994)"),
    ("江北县", "former", "500112", "", "1994-12-31", 0.9, CHANGES, "→ 渝北区 (1994); not 江北区"),
    ("万盛经开区", "functional", "500110", "2011-11-01", "", 0.9, CHANGES, "the former 万盛区, inside 綦江区"),
    ("万盛经济技术开发区", "functional", "500110", "2011-11-01", "", 0.9, CHANGES, "the former 万盛区, inside 綦江区"),
    ("双桥经开区", "functional", "500111", "2011-11-01", "", 0.9, CHANGES, "the former 双桥区, inside 大足区"),
    ("双桥经济技术开发区", "functional", "500111", "2011-11-01", "", 0.9, CHANGES, "the former 双桥区, inside 大足区"),
]

GAZ = "data/reference/ftz_gazetteer.csv context rows and their sources"
LJXQ = "data/reference/population.csv LJXQ row; ftz_gazetteer.csv CTX-LJXQ (chinasei.com.cn 2025-11-07)"
OWN = "author's reading of park locations; each park named after a town of that district (NBS 2023 streets)"
FUNCTIONAL = [
    # 北部新区 (2001-2016): its streets 人和/大竹林/礼嘉/鸳鸯/天宫殿/翠云 are all 渝北 streets in NBS 2023
    ("北部新区", "functional", "500112", "2000-12-01", "", 0.85, GAZ, "重庆北部新区 (now in 两江新区 直管区); streets are 渝北's"),
    ("重庆北部新区", "functional", "500112", "2000-12-01", "", 0.85, GAZ, "see 北部新区"),
    ("两江新区", "functional", "500105|500112|500109", "2010-06-18", "2025-11-05", 0.6, GAZ,
     "new area over parts of 江北/渝北/北碚; an administrative district merging 江北+渝北 from 2025-11-06"),
    ("重庆两江新区", "functional", "500105|500112|500109", "2010-06-18", "2025-11-05", 0.6, GAZ, "see 两江新区"),
    ("两江新区", "district", "LJXQ", "2025-11-06", "", 0.9, LJXQ, "the district merging 江北区 and 渝北区; no NBS code yet"),
    ("重庆两江新区", "district", "LJXQ", "2025-11-06", "", 0.9, LJXQ, "see 两江新区"),
    ("高新区", "functional", "500107", "", "2019-12-31", 0.7, GAZ, "重庆高新区 before its 2020 re-scoping: 石桥铺/二郎 in 九龙坡"),
    ("高新区", "functional", "500106|500107", "2020-01-01", "", 0.6, GAZ, "重庆高新区 直管园 since 2020: 沙坪坝 + 九龙坡"),
    ("重庆高新区", "functional", "500107", "", "2019-12-31", 0.7, GAZ, "see 高新区"),
    ("重庆高新区", "functional", "500106|500107", "2020-01-01", "", 0.6, GAZ, "see 高新区"),
    ("高新技术产业开发区", "functional", "500107", "", "2019-12-31", 0.7, GAZ, "see 高新区"),
    ("高新技术产业开发区", "functional", "500106|500107", "2020-01-01", "", 0.6, GAZ, "see 高新区"),
    ("西部科学城", "functional", "500106|500107|500109|500116|500120", "2020-01-01", "", 0.5, GAZ, "西部（重庆）科学城"),
    ("经开区", "functional", "500108", "", "", 0.8, OWN, "重庆经济技术开发区 (南坪/茶园, 南岸)"),
    ("经济技术开发区", "functional", "500108", "", "", 0.8, OWN, "重庆经济技术开发区 (南岸) when no other district is named"),
    ("南坪经济技术开发区", "functional", "500108", "", "", 0.9, OWN, "南坪 is in 南岸"),
    ("茶园新区", "functional", "500108", "", "", 0.9, OWN, "南岸"),
    ("保税港区", "functional", "500105|500112", "2008-11-01", "", 0.6, GAZ, "两路寸滩保税港区: 寸滩 (江北) + 空港 (渝北)"),
    ("空港工业园区", "park", "500112", "", "", 0.85, OWN, "渝北 空港"),
    ("空港工业园", "park", "500112", "", "", 0.85, OWN, "渝北 空港"),
    ("空港新城", "park", "500112", "", "", 0.85, OWN, "渝北 空港"),
    ("江北国际机场", "park", "500112", "", "", 0.9, GAZ, "the airport lies in 渝北, not 江北区"),
    ("江北机场", "park", "500112", "", "", 0.9, GAZ, "the airport lies in 渝北, not 江北区"),
    ("江北嘴", "park", "500105", "", "", 0.9, GAZ, "江北区"),
    ("大学城", "park", "500106", "", "", 0.8, OWN, "重庆大学城 (虎溪/陈家桥, 沙坪坝)"),
    ("西永微电园", "park", "500106", "", "", 0.9, GAZ, "沙坪坝"),
    ("九龙园区", "park", "500107", "", "", 0.85, OWN, "九龙工业园区, 九龙坡"),
    ("九龙工业园区", "park", "500107", "", "", 0.85, OWN, "九龙坡"),
    ("西彭工业园区", "park", "500107", "", "", 0.85, OWN, "九龙坡"),
    ("建桥工业园区", "park", "500104", "", "", 0.85, OWN, "大渡口"),
    ("同兴工业园区", "park", "500109", "", "", 0.85, OWN, "北碚"),
    ("永川工业园区", "park", "500118", "", "", 0.85, OWN, "永川"),
    ("合川工业园区", "park", "500117", "", "", 0.85, OWN, "合川"),
    ("万盛工业园区", "park", "500110", "", "", 0.85, OWN, "万盛, now 綦江"),
    ("璧山工业园区", "park", "500120", "", "", 0.85, OWN, "璧山"),
    ("荣昌工业园区", "park", "500153", "", "", 0.85, OWN, "荣昌"),
    ("铜梁工业园区", "park", "500151", "", "", 0.85, OWN, "铜梁"),
    ("潼南工业园区", "park", "500152", "", "", 0.85, OWN, "潼南"),
    ("长寿经开区", "park", "500115", "", "", 0.85, OWN, "长寿"),
    ("长寿化工园区", "park", "500115", "", "", 0.85, OWN, "长寿"),
    ("江津工业园区", "park", "500116", "", "", 0.85, OWN, "江津"),
    ("德感工业园", "park", "500116", "", "", 0.85, OWN, "江津"),
    ("涪陵工业园区", "park", "500102", "", "", 0.85, OWN, "涪陵"),
    ("大足工业园区", "park", "500111", "", "", 0.85, OWN, "大足"),
    ("双桥工业园区", "park", "500111", "", "", 0.85, OWN, "双桥, now 大足"),
    ("綦江工业园区", "park", "500110", "", "", 0.85, OWN, "綦江"),
    ("南川工业园区", "park", "500119", "", "", 0.85, OWN, "南川"),
    ("万州经开区", "park", "500101", "", "", 0.85, OWN, "万州"),
]

AUTONOMOUS_SHORT = {"500240": "石柱县", "500241": "秀山县", "500242": "酉阳县", "500243": "彭水县"}


def short_form(name: str) -> str:
    name = re.sub(r"(土家族苗族自治县|苗族土家族自治县|土家族自治县)$", "", name)
    return re.sub(r"[区县]$", "", name)


def main(folder: Path) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name", "kind", "district_codes", "valid_from", "valid_to", "confidence", "source", "note"])
    with open(folder / "areas.csv", encoding="utf-8") as handle:
        areas = [r for r in csv.DictReader(handle) if r["provinceCode"] == "50"]
    shorts: set[str] = set()
    for area in areas:
        out.writerow([area["name"], "district", area["code"], "", "", 0.95, NBS, ""])
        if area["code"] in AUTONOMOUS_SHORT:
            out.writerow([AUTONOMOUS_SHORT[area["code"]], "district", area["code"], "", "", 0.95, NBS, "usual short form"])
        short = short_form(area["name"])
        if len(short) >= 2:
            shorts.add(short)
            out.writerow([short, "district_short", area["code"], "", "", 0.9, NBS, "name without 区/县"])
    for row in HISTORICAL + FUNCTIONAL:
        out.writerow(row)
    with open(folder / "streets_chongqing.csv", encoding="utf-8") as handle:
        streets = list(csv.DictReader(handle))
    by_base: dict[str, set[str]] = collections.defaultdict(set)
    for street in streets:
        by_base[re.sub(r"(街道|镇|乡)$", "", street["name"])].add(street["areaCode"])
    for street in streets:
        base = re.sub(r"(街道|镇|乡)$", "", street["name"])
        unique = len(by_base[base]) == 1
        note = "" if unique else "name shared by towns of several districts: not used alone"
        out.writerow([street["name"], "town", street["areaCode"], "", "", 0.85 if unique else 0, NBS, note])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
