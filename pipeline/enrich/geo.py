"""片区 attribution of applicant addresses, with a confidence and the rule that fired (auditable), and the
`applicants_and_zones` pipeline step.

Precedence (first match wins), from data/reference/ftz README's rule table:
  exclusions removed first (other bonded zones, linked innovation zones, the airport);
  facility keyword (a 片区 name, 综保区 / 保税港区 / 铁路保税物流中心 / 果园港)   0.90   rule zone_keyword
  core sub-area keyword (西永微电园, 团结村, 寸滩, 江北嘴, 空港功能区, 鱼复 …)     0.60-0.75 rule subarea_keyword
  candidate street (悦来, 礼嘉, 水土, 人和, 两路, 复盛, 土主 …)                  0.30-0.45 rule street_candidate
  postcode only (401331/401332 西永, 401133 果园港, 401120 空港)                 <= 0.20 rule postcode
  district / new-area name only: host district, never a zone                      0      rule host_district
  the city alone                                                                  0      rule city
Keywords count only inside Chongqing: an address whose first province-level place is elsewhere gets rule
'none'. Addresses without any location fall back to the analyst-edited applicant registry (confidence capped).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.enrich.gazetteer import TIERS, Gazetteer, keyword_pattern, load_gazetteer
from pipeline.enrich.places import ReadAddress, is_cjk, load_places, read_address
from pipeline.normalize import to_halfwidth

CHONGQING_PROVINCE, CHONGQING_CITY = "500000", "500100"
REGISTRY_CAP = 0.7
RULE_BY_TIER = {
    "facility": "zone_keyword",
    "core": "subarea_keyword",
    "street": "street_candidate",
    "postcode": "postcode",
}

# Province-level names other than Chongqing (ZH and pinyin): the first place named decides the province.
_OTHER_PROVINCES = (
    "北京|天津|上海|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|"
    "贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|成都|深圳|广州|杭州|南京|武汉|西安|苏州|郑州|长沙|昆明|贵阳"
)
_OTHER_EN = (
    "beijing|tianjin|shanghai|hebei|shanxi|liaoning|jilin|heilongjiang|jiangsu|zhejiang|anhui|fujian|jiangxi|"
    "shandong|henan|hubei|hunan|guangdong|guangxi|hainan|sichuan|guizhou|yunnan|shaanxi|gansu|chengdu|shenzhen|"
    "guangzhou|hangzhou|nanjing|wuhan|xi'an|suzhou|taiwan|hong kong|japan|korea|usa|germany"
)
_PROVINCE_RE = re.compile(f"({_OTHER_PROVINCES})")
_PROVINCE_EN_RE = re.compile(rf"(?<![a-z])({_OTHER_EN})(?![a-z])", re.I)
_CQ_RE = re.compile(r"重庆|(?<![a-z])chongqing(?![a-z])|(?<![a-z])chungking(?![a-z])", re.I)
_POSTCODE_RE = re.compile(r"^\s*(\d{6})(?!\d)")
# characters that end a place name, so that a keyword right after one starts a new name
_NAME_ENDINGS = set("省市区县镇乡村道路街巷号园组社城楼层室院站港湾口坝桥场")
# the districts each 片区 lies in (DESIGN §5, §11): 两江 in 江北/渝北/北碚, 西永 in 沙坪坝, 果园港 in 江北; LJXQ is
# the 两江新区 district that merged 江北 and 渝北 (2025)
_ZONE_HOSTS = {
    "CQFTZ-LJ": {"500105", "500112", "500109", "LJXQ"},
    "CQFTZ-XY": {"500106"},
    "CQFTZ-GYG": {"500105", "LJXQ"},
}
# facilities that straddle districts: 两路寸滩 lies in 渝北 (空港) and 江北 (寸滩)
_HOSTS_OF_ZONE_LEVEL = {"CQFTZ-LJ-ZBQ": {"500112", "500105"}}


@dataclass(frozen=True)
class Attribution:
    zone_code: str | None
    subarea_code: str | None
    district_code: str | None
    city_code: str | None
    province_code: str | None
    confidence: float
    rule: str
    matched_text: str | None
    # how the district was read (district_named, former names, functional_area, town, postcode …), its
    # confidence, and every district the address may lie in (a functional area can span several)
    district_rule: str | None = None
    district_confidence: float = 0.0
    district_candidates: str | None = None

    def capped(self, cap: float, prefix: str) -> Attribution:
        return Attribution(
            self.zone_code,
            self.subarea_code,
            self.district_code,
            self.city_code,
            self.province_code,
            min(self.confidence, cap),
            f"{prefix}:{self.rule}",
            self.matched_text,
            self.district_rule,
            min(self.district_confidence, cap),
            self.district_candidates,
        )


NOT_LOCATED = Attribution(None, None, None, None, None, 0.0, "none", None)


@dataclass(frozen=True)
class _Compiled:
    gazetteer: Gazetteer
    exclusions: tuple[re.Pattern[str], ...]
    tiers: dict[str, list[tuple[re.Pattern[str], str, Any]]]
    districts: list[tuple[re.Pattern[str], str, Any]]


@cache
def _compiled(path: Path) -> _Compiled:
    gazetteer = load_gazetteer(path)
    exclusions = tuple(keyword_pattern(k) for e in gazetteer.tier("exclusion") for k in e.keywords)
    tiers = {}
    for tier in TIERS:
        pairs = [(keyword_pattern(k), k, e) for e in gazetteer.tier(tier) for k in e.keywords]
        # longer keywords first: 西永综合保税区 before 西永, 寸滩港 before 寸滩
        tiers[tier] = sorted(pairs, key=lambda p: -len(p[1]))
    districts = sorted(
        ((keyword_pattern(k), k, e) for e in gazetteer.tier("district") for k in e.keywords), key=lambda p: -len(p[1])
    )
    return _Compiled(gazetteer, exclusions, tiers, districts)


def default_gazetteer_path() -> Path:
    from pipeline.settings import load_settings

    return load_settings().reference_dir / "ftz_gazetteer.csv"


def is_in_chongqing(text: str) -> bool:
    """True when Chongqing is the first province-level place the address names (or its postcode is 40xxxx)."""
    cq = _CQ_RE.search(text)
    other = _PROVINCE_RE.search(text) or _PROVINCE_EN_RE.search(text)
    if cq:
        return other is None or cq.start() < other.start()
    postcode = _POSTCODE_RE.match(text)
    return other is None and bool(postcode and postcode.group(1).startswith("40"))


def default_places_paths() -> tuple[Path, Path]:
    from pipeline.settings import load_settings

    reference = load_settings().reference_dir
    return reference / "cq_places.csv", reference / "cq_postcodes.csv"


def attribute_address(
    text: object,
    gazetteer_path: Path | None = None,
    *,
    day: dt.date | None = None,
    postcode: str | None = None,
    province: str | None = None,
    county: str | None = None,
    places_paths: tuple[Path, Path] | None = None,
) -> Attribution:
    """Attribute one address as filed (on `day`, with the record's own postcode, province and county fields when
    it has them). Pure: the same inputs and reference files always give the same result."""
    if text is None:
        return NOT_LOCATED
    address = re.sub(r"\s+", " ", _to_simplified(to_halfwidth(str(text)))).strip()
    if not address:
        return NOT_LOCATED
    compiled = _compiled(gazetteer_path or default_gazetteer_path())
    if not is_cjk(address):
        return _attribute_latin(address, compiled)
    latin_other, chongqing_at = _PROVINCE_EN_RE.search(address), address.find("重庆")
    if latin_other and (chongqing_at < 0 or latin_other.start() < chongqing_at):
        return NOT_LOCATED  # "Shanghai, 重庆路…": the first place named is elsewhere
    table = load_places(*(places_paths or default_places_paths()))
    county = _to_simplified(to_halfwidth(county)) if county else None
    read = read_address(address, table, day=day, postcode=postcode, province=province, county=county)
    if not read.in_chongqing:
        return NOT_LOCATED
    district = read.district_codes[0] if len(read.district_codes) == 1 else None
    searchable = read.rest
    for pattern in compiled.exclusions:
        searchable = pattern.sub("\u2003", searchable)  # keep positions apart; never rejoin words
    for tier in ("facility", "core", "street"):
        for pattern, keyword, entry in compiled.tiers[tier]:
            if not _names_a_place(pattern, searchable):
                continue
            confidence = _anchored_confidence(entry, read.district_codes)
            if confidence is None:
                continue  # the keyword names a place in another district (巴南's 团结村 is not the rail port)
            if tier != "facility" and re.search(re.escape(keyword) + r"[镇乡][\u4e00-\u9fff]{1,6}村", searchable):
                # a village of the town the keyword names (西永镇童善桥村): the town is far larger than the 片区
                confidence = round(confidence * 0.85, 4)
            return _from_entry(entry, district, RULE_BY_TIER[tier], keyword, read, confidence)
    if read.postcode and searchable == read.rest:
        for entry in compiled.gazetteer.tier("postcode"):
            if read.postcode in entry.postcodes and _anchored_confidence(entry, read.district_codes) is not None:
                return _from_entry(entry, district, "postcode", read.postcode, read, entry.confidence)
    if read.district_codes:
        return Attribution(
            None,
            None,
            district,
            CHONGQING_CITY,
            CHONGQING_PROVINCE,
            0.0,
            "host_district",
            read.district_as_filed or read.postcode,
            read.rule,
            read.confidence,
            "|".join(read.district_codes),
        )
    return Attribution(None, None, None, CHONGQING_CITY, CHONGQING_PROVINCE, 0.0, "city", "重庆", read.rule, 0.0, None)


def _names_a_place(pattern: re.Pattern[str], text: str) -> bool:
    """A keyword counts only as a whole place name: not the tail of another name (龙西永益村: 西永 follows 龙) and
    not the head of a longer village or town name (西永益村 is not 西永)."""
    for match in pattern.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if before and is_cjk(before) and before not in _NAME_ENDINGS:
            continue
        after = text[match.end() : match.end() + 3]
        unit = re.match(r"^([\u4e00-\u9fff]{1,2}?)(村|镇|乡|社区)", after)
        if unit and not match.group(0).endswith(("村", "镇", "乡")):
            continue
        return True
    return False


def _anchored_confidence(entry: Any, district_codes: tuple[str, ...]) -> float | None:
    """A 片区 keyword fires only inside its host district(s). Where the address names no district, the keyword
    alone is weaker evidence (the same name may be a place elsewhere in Chongqing)."""
    hosts = set((entry.district_code or "").split("|")) | _HOSTS_OF_ZONE_LEVEL.get(entry.code, set())
    if entry.zone_code in _ZONE_HOSTS and entry.subarea_code is None:
        hosts |= _ZONE_HOSTS[entry.zone_code]
    if not district_codes:
        return round(entry.confidence * (0.9 if entry.tier == "facility" else 0.85), 4)
    named = set(district_codes)
    if "LJXQ" in named:
        named |= {"500105", "500112"}
    if named & hosts:
        # a functional area spanning several districts leaves some doubt even when one of them is a host
        return entry.confidence if len(district_codes) == 1 else round(entry.confidence * 0.9, 4)
    return None


def _attribute_latin(address: str, compiled: _Compiled) -> Attribution:
    """Romanised addresses (USPTO, Lens, EPO): Chongqing by name, districts and keywords by whole words."""
    district_code, district_hit = _district(address, compiled)
    in_cq = is_in_chongqing(address) or (
        district_hit is not None and not _PROVINCE_RE.search(address) and not _PROVINCE_EN_RE.search(address)
    )
    if not in_cq:
        return NOT_LOCATED
    searchable = address
    for pattern in compiled.exclusions:
        searchable = pattern.sub("\u2003", searchable)
    for tier in ("facility", "core", "street"):
        for pattern, keyword, entry in compiled.tiers[tier]:
            if not pattern.search(searchable):
                continue
            confidence = _anchored_confidence(entry, (district_code,) if district_code else ())
            if confidence is not None:
                read = ReadAddress(True, (), district_hit, "district_named" if district_hit else "city", 0.0, "", None)
                return _from_entry(entry, district_code, RULE_BY_TIER[tier], keyword, read, confidence)
    if district_hit is not None:
        return Attribution(
            None,
            None,
            district_code,
            CHONGQING_CITY,
            CHONGQING_PROVINCE,
            0.0,
            "host_district",
            district_hit,
            "district_named",
            0.8,
            district_code,
        )
    city = _CQ_RE.search(address)
    return Attribution(
        None,
        None,
        None,
        CHONGQING_CITY,
        CHONGQING_PROVINCE,
        0.0,
        "city",
        city.group(0) if city else None,
        "city",
        0.0,
        None,
    )


def _from_entry(
    entry: Any, district_code: str | None, rule: str, matched: str, read: ReadAddress, confidence: float
) -> Attribution:
    """A zone attribution from the gazetteer entry that matched; a district named in the address wins over the
    entry's host district."""
    host = (entry.district_code or "").split("|")[0] or None
    return Attribution(
        entry.zone_code,
        entry.subarea_code,
        district_code or host,
        CHONGQING_CITY,
        CHONGQING_PROVINCE,
        confidence,
        rule,
        matched,
        read.rule if read.district_codes else "zone_keyword_host",
        read.confidence if read.district_codes else confidence,
        "|".join(read.district_codes) or host,
    )


def _to_simplified(text: str) -> str:
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    from pipeline.enrich.applicants import _t2s

    return str(_t2s().convert(text))


def _district(address: str, compiled: _Compiled) -> tuple[str | None, str | None]:
    for pattern, keyword, entry in compiled.districts:
        if pattern.search(address):
            return entry.district_code, keyword
    return None, None
