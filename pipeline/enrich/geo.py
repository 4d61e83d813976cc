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

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import transaction
from pipeline.enrich.gazetteer import TIERS, Gazetteer, keyword_pattern, load_gazetteer
from pipeline.normalize import to_halfwidth
from pipeline.settings import Settings
from pipeline.sql import fetch_int, run_sql

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


def attribute_address(text: object, gazetteer_path: Path | None = None) -> Attribution:
    """Attribute one address string. Pure: the same text and gazetteer always give the same result."""
    if text is None:
        return NOT_LOCATED
    address = re.sub(r"\s+", " ", _to_simplified(to_halfwidth(str(text)))).strip()
    if not address:
        return NOT_LOCATED
    compiled = _compiled(gazetteer_path or default_gazetteer_path())
    district_code, district_hit = _district(address, compiled)
    in_cq = is_in_chongqing(address) or (
        district_hit is not None and not _PROVINCE_RE.search(address) and not _PROVINCE_EN_RE.search(address)
    )
    if not in_cq:
        return NOT_LOCATED
    searchable = address
    for pattern in compiled.exclusions:
        searchable = pattern.sub("\u2003", searchable)  # keep positions apart; never rejoin words
    for tier in ("facility", "core", "street"):
        for pattern, keyword, entry in compiled.tiers[tier]:
            if pattern.search(searchable):
                return _from_entry(entry, district_code, RULE_BY_TIER[tier], keyword)
    postcode = _POSTCODE_RE.match(address)
    if postcode and searchable == address:
        for entry in compiled.gazetteer.tier("postcode"):
            if postcode.group(1) in entry.postcodes:
                return _from_entry(entry, district_code, "postcode", postcode.group(1))
    if district_hit is not None:
        return Attribution(
            None, None, district_code, CHONGQING_CITY, CHONGQING_PROVINCE, 0.0, "host_district", district_hit
        )
    city = _CQ_RE.search(address) or _POSTCODE_RE.match(address)
    return Attribution(
        None, None, None, CHONGQING_CITY, CHONGQING_PROVINCE, 0.0, "city", city.group(0) if city else None
    )


def _from_entry(entry: Any, district_code: str | None, rule: str, matched: str) -> Attribution:
    """A zone attribution from the gazetteer entry that matched; a district named in the text wins over the
    entry's host district."""
    return Attribution(
        entry.zone_code,
        entry.subarea_code,
        district_code or entry.district_code,
        CHONGQING_CITY,
        CHONGQING_PROVINCE,
        entry.confidence,
        rule,
        matched,
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


# --- the registry path ------------------------------------------------------------------------------------


def load_registry(path: Path) -> tuple[dict[str, str], list[set[str]]]:
    """applicant_locations.csv: every name variant's key -> address, and the variant keys of each applicant."""
    from pipeline.enrich.applicants import name_key

    registry: dict[str, str] = {}
    groups: list[set[str]] = []
    if not path.exists():
        return registry, groups
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            address = (row.get("address") or "").strip()
            keys = {k for k in (name_key(v) for v in (row.get("name_variants") or "").split("|")) if k}
            groups.append(keys)
            for key in keys:
                if address:
                    registry[key] = address
    return registry, groups


# --- the pipeline step ------------------------------------------------------------------------------------


def _attribution_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("address", pa.string()),
            ("zone_code", pa.string()),
            ("subarea_code", pa.string()),
            ("district_code", pa.string()),
            ("city_code", pa.string()),
            ("province_code", pa.string()),
            ("confidence", pa.float64()),
            ("rule", pa.string()),
            ("matched_text", pa.string()),
        ]
    )


def _attribution_version(gazetteer: Gazetteer) -> str:
    """Cache key of address attributions: the gazetteer version (a hash of its bytes) plus a hash of this module,
    so a rule changed in code re-attributes every address too."""
    import hashlib

    return f"{gazetteer.version}+{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}"


def _attribute_new_addresses(con: duckdb.DuckDBPyConnection, gazetteer_path: Path, version: str) -> int:
    """Attribute only the addresses enrich.address_attribution lacks for this gazetteer version; returns how
    many. A night with a week of new records attributes that week's new addresses, not the whole warehouse."""
    import pyarrow as pa

    run_sql(con, "enrich/address_attribution_create")
    run_sql(con, "enrich/address_attribution_prune", {"version": version}).fetchall()
    missing = [r[0] for r in run_sql(con, "enrich/address_attribution_missing", {"version": version}).fetchall()]
    if missing:
        rows = [{"address": a, **attribute_address(a, gazetteer_path).__dict__} for a in missing]
        con.register("_new_attribution", pa.Table.from_pylist(rows, schema=_attribution_schema()))
        try:
            run_sql(con, "enrich/address_attribution_insert", {"version": version}).fetchall()
        finally:
            con.unregister("_new_attribution")
    run_sql(con, "enrich/address_attribution_current")
    return len(missing)


def run_geo_enrichment(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, Any]:
    """Build enrich.zone, applicant entities, enrich.patent_location and enrich.patent_zone.

    Attribution runs once per distinct address string (not per patent), so it scales with the variety of
    addresses rather than the number of patents.
    """
    import pyarrow as pa

    from pipeline.enrich.applicants import build_applicant_entities
    from pipeline.warehouse.schema import apply_comments

    gazetteer_path = settings.reference_dir / "ftz_gazetteer.csv"
    gazetteer = load_gazetteer(gazetteer_path)
    registry, registry_groups = load_registry(settings.reference_dir / "applicant_locations.csv")
    with transaction(con):
        zones = pa.Table.from_pylist(
            [
                {
                    "zone_code": r["code"],
                    "name_zh": r["name_zh"],
                    "name_en": r["name_en"],
                    "level": r["level"],
                    "parent": r["parent"] or None,
                    "area_km2": float(r["area_km2"]) if r["area_km2"] else None,
                    "plan_industries": r["plan_industries"] or None,
                    "membership_confidence": r["membership"] or None,
                }
                for r in gazetteer.rows
                if r["level"] in {"zone", "subarea"}
            ]
        )
        con.register("_zones", zones)
        run_sql(con, "enrich/geo_zone")
        con.unregister("_zones")

        entities = build_applicant_entities(con, registry_groups)
        run_sql(con, "enrich/geo_party_address")
        attributed = _attribute_new_addresses(con, gazetteer_path, _attribution_version(gazetteer))
        registry_rows = []
        for key, address in registry.items():
            located = attribute_address(address, gazetteer_path).capped(REGISTRY_CAP, "registry")
            registry_rows.append({"name_key": key, **located.__dict__, "address": address})
        con.register(
            "_registry_attribution",
            pa.Table.from_pylist(registry_rows, schema=_attribution_schema().append(pa.field("name_key", pa.string()))),
        )
        run_sql(con, "enrich/geo_patent_location", {"version": gazetteer.version})
        run_sql(con, "enrich/geo_patent_zone", {"threshold": settings.headline_threshold})
        con.unregister("_registry_attribution")
        apply_comments(con)
    distinct_addresses = fetch_int(run_sql(con, "enrich/address_attribution_count"))
    counts = dict(run_sql(con, "enrich/patent_zone_counts", {"threshold": settings.headline_threshold}).fetchall())
    return {
        "gazetteer_version": gazetteer.version,
        "distinct_addresses": distinct_addresses,
        "addresses_attributed": attributed,
        "applicant_entities": entities,
        "patents_by_zone_at_threshold": counts,
    }
