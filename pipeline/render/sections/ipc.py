"""IPC composition by subclass."""

from pipeline.render.sections.ranking import ranking_section

SECTION = ranking_section("ipc", "ipc", ("IPC 构成（小类）", "IPC composition (subclass)"),
                          ("IPC 小类 Subclass", "专利数 Patents"), sheet="ipc", limit=12,
                          prepare="ipc_patent_subclass")
