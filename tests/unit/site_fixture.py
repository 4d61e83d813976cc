"""A tiny warehouse with inline rows in every table the site reads (core, enrich.*, mart.* by their contract
names), so site and indicator tests do not depend on other features' timing. Not a test module itself."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb

HOSTILE_TITLE = '<script>alert(1)</script> =HYPERLINK("http://x","y")'
HOSTILE_NAME = '=HYPERLINK("http://x","y") <script>alert(1)</script>'

ENRICH_DDL = (
    "create table enrich.applicant_entity (entity_id varchar, display_name varchar, name_key varchar, "
    "entity_type varchar, country varchar, variant_count integer, merge_rule varchar, merge_score double)",
    "create table enrich.patent_applicant (patent_id varchar, sequence integer, entity_id varchar, role varchar)",
    "create table enrich.patent_location (patent_id varchar, sequence integer, entity_id varchar, "
    "province_code varchar, city_code varchar, district_code varchar, zone_code varchar, subarea_code varchar, "
    "confidence double, rule varchar, matched_text varchar, gazetteer_version varchar)",
    "create table enrich.patent_zone (patent_id varchar, zone_code varchar, subarea_code varchar, "
    "district_code varchar, is_chongqing boolean, confidence double, rule varchar)",
    "create table enrich.zone (zone_code varchar, name_zh varchar, name_en varchar, level varchar, parent varchar, "
    "area_km2 double, plan_industries varchar)",
    "create table enrich.industry (industry_code varchar, level integer, parent_code varchar, name_zh varchar, "
    "name_en varchar, plan_zones varchar, source varchar)",
    "create table enrich.patent_industry (patent_id varchar, industry_code varchar, level integer, score double, "
    "method varchar, is_primary boolean, taxonomy_version varchar, model_version varchar, "
    "disagrees_with_codes boolean)",
    "create table enrich.topic (topic_id integer, industry_code varchar, label_zh varchar, label_en varchar, "
    "top_terms varchar, size integer, growth_pct double, x double, y double)",
    "create table enrich.patent_topic (patent_id varchar, topic_id integer, x double, y double)",
    "create table enrich.landscape_contour (industry_code varchar, level_index integer, density double, "
    "polygon_json varchar)",
    "create table enrich.landscape_peak (industry_code varchar, topic_id integer, x double, y double, "
    "label_zh varchar, label_en varchar)",
    "create table mart.patent_citation_metrics (patent_id varchar, forward_citations integer, "
    "forward_citations_reported integer, backward_citations integer, pagerank double, "
    "cohort_fc_normalised double, core_score double, community_id integer)",
    "create table mart.core_patent (zone_code varchar, industry_code varchar, rank integer, patent_id varchar, "
    "core_score double)",
    "create table mart.main_path_edge (scope varchar, industry_code varchar, cited_id varchar, citing_id varchar, "
    "spc double)",
    "create table mart.collaboration_edge (entity_a varchar, entity_b varchar, patent_count integer, "
    "link_type varchar)",
)

ZONES = ("CQFTZ-LJ", "CQFTZ-XY", "CQFTZ-GYG")
INDUSTRIES = ("AUTO", "ELEC", "BIOMED")

PARTY_INSERT = ("insert into core.patent_party (patent_id, role, sequence, party_id, party_type, name_raw, "
                "name_norm, country, state, city, address_raw, postcode, file_id) ")


def build_tiny_warehouse(con: duckdb.DuckDBPyConnection, *, hostile: bool = True, synthetic: bool = True) -> None:
    """Core schema plus 24 patents across three 片区 and three industries, 2015–2024, with citations."""
    from pipeline.warehouse.schema import ensure_schema

    ensure_schema(con)
    for ddl in ENRICH_DDL:
        con.execute(ddl)
    now = datetime(2025, 1, 1)
    con.execute(
        "insert into core.ingest_file (file_id, path, file_name, sha256, size_bytes, format, source, status, "
        "records_read_count, patents_loaded_count, rows_loaded_count, quarantined_count, is_synthetic, "
        "first_seen_at, loaded_at, load_seconds, message) "
        "values ('f1', 'data/sample/cn_demo_synthetic.csv', 'cn_demo_synthetic.csv', "
        "'ab' || repeat('0', 62), 100, 'cn_export', 'cn_export', 'loaded', 24, 24, 24, 0, $syn, $now, $now, 0.1, null)",
        {"syn": synthetic, "now": now},
    )
    con.execute("insert into enrich.zone values "
                "('CQFTZ-LJ', '两江片区', 'Liangjiang', 'zone', 'CQFTZ', 66.29, 'EQUIP|ELEC|BIOMED'), "
                "('CQFTZ-XY', '西永片区', 'Xiyong', 'zone', 'CQFTZ', 22.81, 'ELEC|EQUIP|LOGI'), "
                "('CQFTZ-GYG', '果园港片区', 'Guoyuan Port', 'zone', 'CQFTZ', 30.88, 'LOGI')")
    con.execute("insert into enrich.industry values "
                "('AUTO', 1, null, '汽车', 'Automotive', 'CQFTZ-GYG', 'test'), "
                "('ELEC', 1, null, '电子信息', 'Electronics', 'CQFTZ-LJ|CQFTZ-XY', 'test'), "
                "('BIOMED', 1, null, '生物医药', 'Biomedicine', 'CQFTZ-LJ', 'test')")
    applicants = [("E1", "长安汽车股份有限公司"), ("E2", HOSTILE_NAME if hostile else "京东方科技集团"),
                  ("E3", "重庆大学"), ("E4", "药友制药有限公司"), ("E5", "新兴科技有限公司")]
    for entity_id, name in applicants:
        con.execute("insert into enrich.applicant_entity values ($e, $n, $n, 'company', 'CN', 1, 'exact', 1.0)",
                    {"e": entity_id, "n": name})
    patents = []
    for i in range(24):
        zone = ZONES[i % 3]
        industry = INDUSTRIES[(i // 3) % 3]
        year = 2015 + (i % 10)
        month = 1 + (i % 12)
        patent_id = f"CN1100{i:05d}A"
        title = HOSTILE_TITLE if (hostile and i == 4) else f"一种测试装置 {i}"
        doc_type = ("invention", "utility_model", "design")[i % 3 if i % 4 else 0]
        patents.append((patent_id, zone, industry, year, date(year, month, 15), title, doc_type))
        con.execute(
            "insert into core.patent values ($id, $key, 'CN', 'A', $dt, null, $ad, $ad, $gd, null, $y, null, 1, "
            "$title, '摘要', 'zh', 5, 0, 0, null, $pct, 'cn_export', null, $syn, 'f1', 1)",
            {"id": patent_id, "key": patent_id[:-1], "dt": doc_type, "ad": date(year, month, 15),
             "gd": date(year + 1, 1, 1) if i % 2 else None, "y": year, "title": title,
             "pct": "PCT/CN2020/0001" if i % 5 == 0 else None, "syn": synthetic and i % 2 == 0},
        )
        entity = applicants[i % 5][0]
        con.execute(PARTY_INSERT + "values ($id, 'applicant', 1, $e, 'organization', $n, $n, 'CN', "
                    "null, '重庆', '重庆市', null, 'f1')",
                    {"id": patent_id, "e": entity, "n": dict(applicants)[entity]})
        con.execute("insert into enrich.patent_applicant values ($id, 1, $e, 'applicant')",
                    {"id": patent_id, "e": entity})
        if i % 4 == 1:  # a second applicant makes collaboration and applicant counts non-trivial
            con.execute("insert into enrich.patent_applicant values ($id, 2, 'E3', 'applicant')", {"id": patent_id})
        confidence = 0.9 if i % 6 else 0.4  # every sixth patent is only a sensitivity-level attribution
        con.execute("insert into enrich.patent_zone values ($id, $z, null, '500112', true, $c, 'keyword')",
                    {"id": patent_id, "z": zone, "c": confidence})
        con.execute("insert into enrich.patent_location values ($id, 1, $e, '500000', '500100', '500112', $z, "
                    "null, $c, 'keyword', '两江', 'gaz-2026.1')",
                    {"id": patent_id, "e": entity, "z": zone, "c": confidence})
        con.execute("insert into enrich.patent_industry values ($id, $ind, 1, 0.9, 'concordance', true, 'tax-1', "
                    "'model-1', false)", {"id": patent_id, "ind": industry})
        con.execute("insert into core.classification values ($id, 'IPC', $sym, $sub, $grp, true, 1, 'f1')",
                    {"id": patent_id, "sym": ("B60L 53/00", "H01L 21/02", "A61K 31/00")[(i // 3) % 3],
                     "sub": ("B60L", "H01L", "A61K")[(i // 3) % 3],
                     "grp": ("B60L 53/00", "H01L 21/00", "A61K 31/00")[(i // 3) % 3]})
        topic = (i // 3) % 3 * 10 + (i % 2)
        con.execute("insert into enrich.patent_topic values ($id, $t, $x, $y)",
                    {"id": patent_id, "t": topic, "x": float(i % 5), "y": float(i % 7)})
    # A patent outside Chongqing so CQ differs from ALL.
    con.execute("insert into core.patent values ('US8141220B2', 'US8141220', 'US', 'B2', 'grant', null, "
                "'2018-03-01', '2019-03-01', '2019-03-01', null, 2018, null, 1, 'Vehicle battery', null, 'en', 5, "
                "0, 0, null, null, 'uspto_xml', null, false, 'f1', 1)")
    con.execute("insert into enrich.patent_zone values ('US8141220B2', null, null, null, false, 0, 'none')")
    con.execute("insert into enrich.patent_industry values ('US8141220B2', 'AUTO', 1, 0.5, 'model', true, "
                "'tax-1', 'model-1', false)")
    for industry_index, industry in enumerate(INDUSTRIES):
        for t in (0, 1):
            topic = industry_index * 10 + t
            con.execute("insert into enrich.topic values ($t, $ind, $zh, $en, 'a|b', 4, 10.0, $x, $y)",
                        {"t": topic, "ind": industry, "zh": f"主题{topic}", "en": f"Topic {topic}",
                         "x": float(t * 3), "y": float(t * 4)})
            con.execute("insert into enrich.landscape_peak values ($ind, $t, $x, $y, $zh, $en)",
                        {"t": topic, "ind": industry, "zh": f"主题{topic}", "en": f"Topic {topic}",
                         "x": float(t * 3), "y": float(t * 4)})
        square = [[0, 0], [4, 0], [4, 6], [0, 6]]
        inner = [[1, 1], [3, 1], [3, 5], [1, 5]]
        con.execute("insert into enrich.landscape_contour values ($ind, 0, 0.1, $p), ($ind, 1, 0.3, $q)",
                    {"ind": industry, "p": json.dumps(square), "q": json.dumps(inner)})
    ids = [p[0] for p in patents]
    for i in range(1, len(ids)):
        for j in {i - 1, max(0, i - 3)}:
            con.execute("insert into core.citation values ($a, $s, $b, $b, $b, $b, 'CN', null, 'examiner', false, "
                        "'f1')", {"a": ids[i], "s": j, "b": ids[j]})
    for i, patent_id in enumerate(ids):
        con.execute("insert into mart.patent_citation_metrics values ($id, $fc, $fc, 2, 0.01, 1.0, $score, $c)",
                    {"id": patent_id, "fc": 24 - i, "score": (24 - i) / 24, "c": i % 3})
    for zone in (*ZONES, None):
        for industry in (*INDUSTRIES, "ALL"):
            for rank, patent_id in enumerate(ids[:8], start=1):
                con.execute("insert into mart.core_patent values ($z, $ind, $r, $id, $s)",
                            {"z": zone, "ind": industry, "r": rank, "id": patent_id, "s": 1.0 / rank})
    for industry in (*INDUSTRIES, "ALL"):
        for i in range(1, 6):
            con.execute("insert into mart.main_path_edge values ('global', $ind, $a, $b, $s)",
                        {"ind": industry, "a": ids[i - 1], "b": ids[i], "s": float(i)})
    con.execute("insert into mart.collaboration_edge values ('E1', 'E3', 3, 'company-university'), "
                "('E2', 'E3', 2, 'company-university'), ('E4', 'E5', 1, 'company-company')")
