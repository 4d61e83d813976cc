"""Downloads of the citation and collaboration networks (Gephi, VOSviewer, CSV), written into the site."""

from __future__ import annotations

from typing import Any

from pipeline.render.context import Page, SiteContext
from pipeline.render.sections import Section
from pipeline.render.widgets import cell, table_section

NETWORK_MARTS = {"mart.patent_citation_metrics", "mart.collaboration_edge", "mart.main_path_edge"}


def build(con: Any, ctx: SiteContext, page: Page) -> None:
    from pipeline.render.network_exports import write_warehouse_exports

    if not ctx.tables >= NETWORK_MARTS:
        return
    out_dir = ctx.out_dir / "exports" / "networks"
    names = sorted(write_warehouse_exports(con, out_dir))
    rows = []
    for name in names:
        size = (out_dir / name).stat().st_size
        rows.append([cell(name, href=f"exports/networks/{name}"), cell(f"{size:,}", sort=size, num=True)])
    page.sections.append(table_section(
        "network-files", "网络文件下载", "Network files", [("text", "文件", "File"), ("number", "字节", "Bytes")],
        rows, sortable=False, note_zh="可用 Gephi / VOSviewer 打开。", note_en="Open with Gephi or VOSviewer."))


SECTION = Section("network_files", build, queries=("network_files_any_synthetic", "network_files_citation_nodes",
                                                   "network_files_citation_edges", "network_files_collaboration",
                                                   "network_files_main_path"))
