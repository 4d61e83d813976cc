"""Reading a Chinese address as filed: is it in Chongqing, and which district did it name on its filing date?

The address on a patent is the applicant's address on the filing date, written with the place names of that date
(开县, 万盛区, 北部新区 …). `data/reference/cq_places.csv` lists every name with the district(s) it lay in and the
dates it was valid; `data/reference/cq_postcodes.csv` gives the district a postcode points to. Evidence order
(first that answers wins; each is a rule with a confidence):

  district_structured   a county field of the record (CNIPA XML base:County) that names a Chongqing district
  district_named        the district (or a former name of it) named where the address names its district:
                        right after 重庆(市), or at the very start
  functional_area       a functional area or park named there instead (北部新区, 高新区 …): the district(s) it lay
                        in at the filing date; a lower confidence where it spans several
  town                  a town or street (镇/乡/街道) of one district only
  district_in_text      a district named later in the text (not in the district position)
  postcode              the postcode's district (cq_postcodes.csv)

Whether the address is in Chongqing is decided before any of this: by the province or city it starts with (a
"重庆…" street elsewhere, 青岛市重庆南路, is not Chongqing), else the postcode (400000–409999), else a
Chongqing district named at the start.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CHONGQING_POSTCODE = re.compile(r"^40\d{4}$")
_LEADING_POSTCODE = re.compile(r"^\s*(\d{6})(?!\d)\s*")
_COUNTRY_PREFIX = re.compile(r"^(中国|中华人民共和国|P\.?R\.?\s*China)\s*", re.I)
_PROVINCES = (
    "北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
    "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门"
)
_PROVINCE_SUFFIX = "(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
_OTHER_PROVINCE_AT_START = re.compile(f"^({_PROVINCES}){_PROVINCE_SUFFIX}")
_CHONGQING_AT_START = re.compile(r"^重庆(?![东南西北中]?[路街巷道])(?:市)?(?:市辖区|辖区|县)?")
_CHONGQING_NAMED = re.compile(r"重庆(?![东南西北中]?[路街巷道]|大厦|饭店|宾馆|酒店)")
# Prefecture-level cities of other provinces that addresses start with when they omit the province.
_OTHER_CITY_AT_START = re.compile(
    r"^(成都|绵阳|德阳|自贡|泸州|宜宾|南充|广安|达州|遂宁|内江|乐山|眉山|资阳|雅安|攀枝花|广元|巴中|深圳|广州|东莞|佛山|珠海|"
    r"杭州|宁波|温州|南京|苏州|无锡|常州|武汉|长沙|郑州|西安|昆明|贵阳|遵义|青岛|济南|合肥|福州|厦门|南昌|石家庄|太原|沈阳|"
    r"大连|长春|哈尔滨|南宁|海口|兰州|银川|西宁|乌鲁木齐|拉萨|呼和浩特)市"
)
# a name is part of a longer name when the next character continues it; these start a new part instead
_ADMIN_SEPARATORS = re.compile(r"^[\s,，、()（）\-]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
KINDS = ("district", "district_short", "former", "functional", "park", "town")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    district_codes: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    confidence: float

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or day >= self.valid_from) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class PlaceTable:
    version: str
    by_name: dict[str, tuple[Place, ...]]
    names_by_first_character: dict[str, tuple[str, ...]]  # longest first within each
    postcodes: dict[str, tuple[str, float]]
    date_boundaries: tuple[dt.date, ...]

    def places(self, name: str, day: dt.date | None) -> list[Place]:
        """The readings of a name on a day (no day: today's reading). A former name still reads after it lapsed
        (people keep writing 开县), so validity only chooses among a name's several dated readings."""
        candidates = self.by_name.get(name, ())
        if len(candidates) <= 1:
            return list(candidates)
        if day is None:
            current = [p for p in candidates if p.valid_to is None]
            return sorted(current or candidates, key=lambda p: p.valid_from or dt.date.min, reverse=True)
        dated = [p for p in candidates if p.valid_on(day)]
        return dated or list(candidates)


@dataclass(frozen=True)
class ReadAddress:
    """What an address says about where it is. district_codes holds one code, or several for a functional area
    that spans districts; district_as_filed is the name the address used (开县, 北部新区 …)."""

    in_chongqing: bool
    district_codes: tuple[str, ...]
    district_as_filed: str | None
    rule: str
    confidence: float
    rest: str  # the address after its province/city part (where zone keywords are looked for)
    postcode: str | None


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def load_places(places_path: Path, postcodes_path: Path) -> PlaceTable:
    raw = places_path.read_bytes() + postcodes_path.read_bytes()
    by_name: dict[str, list[Place]] = {}
    boundaries: set[dt.date] = set()
    with open(places_path, encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["kind"] not in KINDS:
                raise ValueError(f"{places_path.name} line {line}: unknown kind {row['kind']!r}")
            confidence = float(row["confidence"] or 0)
            if confidence <= 0:
                continue  # listed for the record (e.g. a town name several districts share), never used alone
            place = Place(
                row["name"].strip(),
                row["kind"],
                tuple(c for c in row["district_codes"].split("|") if c),
                _date(row["valid_from"]),
                _date(row["valid_to"]),
                confidence,
            )
            by_name.setdefault(place.name, []).append(place)
    for places in by_name.values():
        if len(places) > 1:  # only names whose reading changes with the date make the date matter
            boundaries |= {d for p in places for d in (p.valid_from,) if d}
    postcodes: dict[str, tuple[str, float]] = {}
    with open(postcodes_path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            postcodes[row["postcode_prefix"]] = (row["district_code"], float(row["confidence"]))
    return PlaceTable(
        hashlib.sha256(raw).hexdigest()[:12],
        {k: tuple(v) for k, v in by_name.items()},
        _index_by_first_character(by_name),
        postcodes,
        tuple(sorted(boundaries)),
    )


def _index_by_first_character(names: dict[str, list[Place]]) -> dict[str, tuple[str, ...]]:
    """Names grouped by their first character, longest first: a match is tried only against names that can start
    where the text starts (1,200 names, 40 or so per character)."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[:1], []).append(name)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in groups.items()}


def era_of(table: PlaceTable, day: dt.date | None) -> int:
    """How many dated name changes precede the day: addresses read the same within an era, so attributions are
    cached per (address, era) rather than per filing date."""
    if day is None:
        return len(table.date_boundaries)
    return sum(1 for boundary in table.date_boundaries if boundary <= day)


def era_start(table: PlaceTable, era: int) -> dt.date | None:
    """A representative day of an era (its first day; None for the era before every boundary)."""
    if era <= 0 or not table.date_boundaries:
        return None
    return table.date_boundaries[min(era, len(table.date_boundaries)) - 1]


def _match_name_at(text: str, table: PlaceTable, day: dt.date | None) -> tuple[str, list[Place]] | None:
    """The longest place name the text starts with (江北嘴 before 江北, 北部新区 before 北部)."""
    for name in table.names_by_first_character.get(text[:1], ()):
        if text.startswith(name):
            return name, table.places(name, day)
    return None


def postcode_district(table: PlaceTable, postcode: str | None) -> tuple[str, float] | None:
    if not postcode or not CHONGQING_POSTCODE.match(postcode):
        return None
    for length in (6, 5, 4):
        hit = table.postcodes.get(postcode[:length])
        if hit:
            return hit
    return None


def read_address(
    text: str,
    table: PlaceTable,
    *,
    day: dt.date | None = None,
    postcode: str | None = None,
    province: str | None = None,
    county: str | None = None,
) -> ReadAddress:
    """Read one normalised address (half-width, simplified). Pure."""
    address = _COUNTRY_PREFIX.sub("", text.strip())
    leading = _LEADING_POSTCODE.match(address)
    if leading:
        postcode = postcode or leading.group(1)
        address = address[leading.end() :]
    postcode = postcode if postcode and re.fullmatch(r"\d{6}", postcode) else None
    in_cq, rest = _province(address, table, day, postcode, province)
    if not in_cq:
        return ReadAddress(False, (), None, "outside_chongqing", 0.0, address, postcode)

    structured = _structured_county(county, table, day)
    body = rest
    chain, rest = _admin_chain(rest, table, day)
    districts = [(n, p) for n, p in chain if p.kind in ("district", "district_short", "former")]
    areas = [(n, p) for n, p in chain if p.kind in ("functional", "park")]
    towns = [(n, p) for n, p in chain if p.kind == "town"]
    if structured is not None:
        name, place = structured
        return ReadAddress(True, place.district_codes, name, "district_structured", 0.97, body, postcode)
    if districts:
        name, place = districts[0]
        return ReadAddress(True, place.district_codes, name, "district_named", place.confidence, body, postcode)
    if areas:
        name, place = areas[0]
        codes = place.district_codes
        if len(codes) > 1 and towns and towns[0][1].district_codes[0] in codes:
            codes = towns[0][1].district_codes  # 两江新区 + 人和街道: the street settles which district
        return ReadAddress(True, codes, name, "functional_area", place.confidence, body, postcode)
    if towns:
        name, place = towns[0]
        return ReadAddress(True, place.district_codes, name, "town", 0.75, body, postcode)
    later = _district_in_text(rest, table, day)
    if later is not None:
        name, place = later
        return ReadAddress(True, place.district_codes, name, "district_in_text", 0.7, body, postcode)
    by_postcode = postcode_district(table, postcode)
    if by_postcode is not None:
        code, confidence = by_postcode
        return ReadAddress(True, (code,), None, "postcode", confidence, body, postcode)
    return ReadAddress(True, (), None, "city", 0.0, body, postcode)


def _province(
    address: str, table: PlaceTable, day: dt.date | None, postcode: str | None, province: str | None
) -> tuple[bool, str]:
    """Whether the address is in Chongqing, and the text after its province/city part."""
    if province and province.strip() not in {"", "0"} and not province.strip().startswith("重庆"):
        return False, address
    cq = _CHONGQING_AT_START.match(address)
    if cq:
        return True, address[cq.end() :]
    if _OTHER_PROVINCE_AT_START.match(address) or _OTHER_CITY_AT_START.match(address):
        return False, address
    if province and province.strip().startswith("重庆"):
        return True, address
    if postcode:
        return bool(CHONGQING_POSTCODE.match(postcode)), address
    first = _match_name_at(address, table, day)
    if first is not None and first[1] and first[1][0].kind in ("district", "former"):
        return True, address
    # no province, no postcode: Chongqing only when 重庆 is the first place the address names
    named = _CHONGQING_NAMED.search(address)
    if named is None:
        return False, address
    position = named.start()
    other = _OTHER_PROVINCE_AT_START.search(address[:position]) or re.search(f"({_PROVINCES})", address[:position])
    return other is None, address[position:].removeprefix("重庆市").removeprefix("重庆")


def _structured_county(county: str | None, table: PlaceTable, day: dt.date | None) -> tuple[str, Place] | None:
    if not county or county.strip() in {"", "0"}:
        return None
    name = county.strip().removeprefix("重庆市").removeprefix("重庆")
    places = table.places(name, day)
    for place in places:
        if place.kind in ("district", "district_short", "former"):
            return name, place
    return None


def _admin_chain(rest: str, table: PlaceTable, day: dt.date | None) -> tuple[list[tuple[str, Place]], str]:
    """The run of place names at the start of the text (北部新区 渝北区 人和街道 …), and what follows it."""
    chain: list[tuple[str, Place]] = []
    while True:
        rest = _ADMIN_SEPARATORS.sub("", rest)
        hit = _match_name_at(rest, table, day)
        if hit is None or not hit[1]:
            return chain, rest
        name, places = hit
        chain.append((name, places[0]))
        rest = rest[len(name) :]
        if len(chain) >= 4:
            return chain, rest


def _district_in_text(rest: str, table: PlaceTable, day: dt.date | None) -> tuple[str, Place] | None:
    """A district's full name (…区/…县, current or former) anywhere in the text: weaker evidence, since a road
    or a company can carry a district's name."""
    best: tuple[int, str, Place] | None = None
    for name, places in table.by_name.items():
        if not name.endswith(("区", "县")) or len(name) < 3:
            continue
        position = rest.find(name)
        if position < 0:
            continue
        for place in places:
            if place.kind in ("district", "former") and (best is None or position < best[0]):
                best = (position, name, place)
    return (best[1], best[2]) if best else None


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
