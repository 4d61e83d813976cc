"""Per-page exports: the page's tables as one Excel workbook and one CSV per table.

Text cells follow pipeline.safety's spreadsheet rule, and strings are never written as formulas or URLs. Sheets
are named in Chinese (SHEET_NAMES_ZH; ≤ 31 characters, unique, none of []:*?/\\); the English table name is the
note on each sheet's first cell, and names the CSV file.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.render.headers import export_header
from pipeline.safety import safe_file_name, spreadsheet_safe

SHEET_NAMES_ZH = {
    "专利清单 patent_list": "专利清单", "collaboration": "合作网络", "core_patents": "核心专利",
    "district_intensity": "区县专利密度", "dossier_coapplicants": "合作申请人", "dossier_industry": "产业分布",
    "dossier_ipc": "IPC分布", "dossier_location": "地址与片区", "dossier_patents": "申请人专利",
    "dossier_peers": "同行对比", "dossier_portfolio": "专利组合", "efficacy_agreement": "功效标注一致性",
    "high_value_criteria": "高价值判定标准", "high_value_indicator": "高价值发明专利指标",
    "indicators": "区县指标", "ip_operation": "知识产权运营明细", "ip_operation_parties": "运营交易方",
    "ip_operation_summary": "知识产权运营概况", "landscape_points": "技术地图专利点",
    "layout_directions": "布局方向建议", "leading_applicants": "龙头申请人", "lifecycle": "技术生命周期",
    "location_coverage": "重庆申请人定位", "unlocated_applicants": "未定位申请人", "main_path": "技术主路径",
    "signals": "预警信号", "top_applicants": "主要申请人", "ipc": "IPC小类",
    "tech_efficacy": "技术功效矩阵", "trend": "申请趋势", "zone_industry": "片区产业矩阵",
    "source_files": "数据来源文件", "zone_location": "片区归属方式", "zone_real_applicants": "片区真实申请人",
}


def english_name(title: str) -> str:
    """The table's English name: the key itself, or its ASCII part ("专利清单 patent_list" -> "patent_list")."""
    ascii_part = " ".join(w for w in title.split() if w.isascii())
    return ascii_part or title


def _sheet_name(text: str, used: set[str]) -> str:
    zh = SHEET_NAMES_ZH.get(text, text)
    base = re.sub(r"[\[\]:*?/\\']", "_", zh)[:28].strip("' ") or "sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:25]}_{n}"
    used.add(name.lower())
    return name


def workbook_created(cutoff: str | None) -> datetime:
    """The workbook's creation stamp: the data cut-off (never the wall clock), so a workbook rendered again from the
    same rows is byte-identical to the one before."""
    try:
        return datetime.combine(date.fromisoformat(str(cutoff)[:10]), time())
    except ValueError:
        return datetime(2000, 1, 1)


def write_excel(path: Path, tables: dict[str, pl.DataFrame], cutoff: str | None = None) -> None:
    """One sheet per table: xlsxwriter writes the workbook, its sheet names, header rows and notes; the data rows
    are filled in column-wise (pipeline/render/workbook_rows.py), with the cells the safety rule allows."""
    import xlsxwriter

    from pipeline.render.workbook_rows import fill_rows

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    workbook.set_properties({"created": workbook_created(cutoff)})
    try:
        used: set[str] = set()
        for title, frame in tables.items():
            sheet = workbook.add_worksheet(_sheet_name(title, used))
            sheet.write_comment(0, 0, f"English: {english_name(title)}", {"author": "PatentNav"})
            for col, name in enumerate(frame.columns):
                sheet.write_string(0, col, str(spreadsheet_safe(export_header(name))))
    finally:
        workbook.close()
    fill_rows(path, list(tables.values()))


def write_csv(path: Path, frame: pl.DataFrame) -> None:
    """The table as CSV (utf-8-sig so Excel opens Chinese text on double-click; CRLF, minimal quoting, as the csv
    module writes): the header row by the csv module, the rows converted column-wise and written by polars."""
    from pipeline.render.workbook_rows import csv_text_columns

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerow([spreadsheet_safe(export_header(c)) for c in frame.columns])
    if frame.height and frame.width:
        with open(path, "ab") as handle:
            csv_text_columns(frame).write_csv(handle, include_header=False, line_terminator="\r\n",
                                              quote_style="necessary", null_value="")


def write_page_exports(site_dir: Path, page_slug: str, tables: dict[str, pl.DataFrame], cutoff: str | None = None
                       ) -> dict[str, Any]:
    """Write exports/<page>.xlsx and exports/<page>/<table>.csv; return relative links for the page."""
    tables = {name: frame for name, frame in tables.items() if frame is not None and frame.height}
    if not tables:
        return {"xlsx": None, "csv": []}
    slug = safe_file_name(page_slug, "page")
    export_dir = site_dir / "exports"
    (export_dir / slug).mkdir(parents=True, exist_ok=True)
    write_excel(export_dir / f"{slug}.xlsx", tables, cutoff)
    links = []
    for name, frame in tables.items():
        file_name = safe_file_name(name, "table") + ".csv"
        write_csv(export_dir / slug / file_name, frame)
        links.append({"name": name, "href": f"exports/{slug}/{file_name}"})
    return {"xlsx": f"exports/{slug}.xlsx", "csv": links}
