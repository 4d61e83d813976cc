"""The `applicants_and_zones` pipeline step: applicant entities, the attribution of every distinct address (cached
by address, postcode, province, county and filing era under the reference-data and rule versions), each
applicant's usual filed address, and the patent → 片区 tables. The rules themselves are in pipeline.enrich.geo
(片区 keywords) and pipeline.enrich.places (addresses as filed)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import transaction
from pipeline.enrich.gazetteer import Gazetteer, load_gazetteer
from pipeline.enrich.geo import REGISTRY_CAP, attribute_address
from pipeline.enrich.places import PlaceTable, era_start, load_places
from pipeline.settings import Settings
from pipeline.sql import fetch_int, run_sql

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
            ("address_key", pa.string()),
            ("address", pa.string()),
            ("postcode", pa.string()),
            ("province", pa.string()),
            ("county", pa.string()),
            ("era", pa.int32()),
            ("zone_code", pa.string()),
            ("subarea_code", pa.string()),
            ("district_code", pa.string()),
            ("city_code", pa.string()),
            ("province_code", pa.string()),
            ("confidence", pa.float64()),
            ("rule", pa.string()),
            ("matched_text", pa.string()),
            ("district_rule", pa.string()),
            ("district_confidence", pa.float64()),
            ("district_candidates", pa.string()),
        ]
    )


def _attribution_version(gazetteer: Gazetteer, places: PlaceTable) -> str:
    """Cache key of address attributions: the gazetteer and place-table versions (hashes of their bytes) plus
    hashes of the code that reads them, so a rule changed in code re-attributes every address too."""
    import hashlib

    code = b"".join((Path(__file__).parent / name).read_bytes() for name in ("geo.py", "places.py", "geo_step.py"))
    return f"{gazetteer.version}+{places.version}+{hashlib.sha256(code).hexdigest()[:12]}"


def _attribute_new_addresses(
    con: duckdb.DuckDBPyConnection,
    gazetteer_path: Path,
    places: PlaceTable,
    places_paths: tuple[Path, Path],
    version: str,
) -> int:
    """Attribute only the addresses enrich.address_attribution lacks for this version; returns how many. A night
    with a week of new records attributes that week's new addresses, not the whole warehouse."""
    import pyarrow as pa

    run_sql(con, "enrich/address_attribution_create")
    run_sql(con, "enrich/address_attribution_prune", {"version": version}).fetchall()
    missing = run_sql(con, "enrich/address_attribution_missing", {"version": version}).fetchall()
    if missing:
        rows = []
        for key, address, postcode, province, county, era in missing:
            located = attribute_address(
                address,
                gazetteer_path,
                day=era_start(places, era),
                postcode=postcode,
                province=province,
                county=county,
                places_paths=places_paths,
            )
            rows.append(
                {
                    "address_key": key,
                    "address": address,
                    "postcode": postcode,
                    "province": province,
                    "county": county,
                    "era": era,
                    **located.__dict__,
                }
            )
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
    places_paths = (settings.reference_dir / "cq_places.csv", settings.reference_dir / "cq_postcodes.csv")
    places = load_places(*places_paths)
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
        districts = pa.Table.from_pylist(
            [
                {"district_code": r["district_code"], "name_zh": r["name_zh"], "name_en": r["name_en"] or None}
                for r in gazetteer.rows
                if r["level"] in {"district", "context"} and r["district_code"]
            ],
            schema=pa.schema([("district_code", pa.string()), ("name_zh", pa.string()), ("name_en", pa.string())]),
        )
        con.register("_districts", districts)
        run_sql(con, "enrich/geo_district")
        con.unregister("_districts")

        entities = build_applicant_entities(con, registry_groups)
        run_sql(con, "enrich/geo_party_address", {"boundaries": [d.isoformat() for d in places.date_boundaries]})
        version = _attribution_version(gazetteer, places)
        attributed = _attribute_new_addresses(con, gazetteer_path, places, places_paths, version)
        run_sql(con, "enrich/geo_applicant_address")
        registry_rows = []
        for key, address in registry.items():
            located = attribute_address(address, gazetteer_path, places_paths=places_paths)
            located = located.capped(REGISTRY_CAP, "registry")
            registry_rows.append(
                {"name_key": key, **located.__dict__, "address": address, "address_key": address, "era": 0}
            )
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
        "place_table_version": places.version,
        "distinct_addresses": distinct_addresses,
        "addresses_attributed": attributed,
        "applicant_entities": entities,
        "patents_by_zone_at_threshold": counts,
    }
