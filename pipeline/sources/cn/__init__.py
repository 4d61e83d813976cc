"""Chinese patent-database exports (incoPat, PatSnap, CNIPA, SooPAT, Patentics, HimmPat, Baiten, CNKI, Derwent
Innovation's Chinese interface): recognised column by column through data/reference/cn_field_aliases.csv.

Modules: aliases (header cells -> canonical fields), tables (XLSX/XLS/HTML/CSV/TSV rows, header row found),
csvframe (tolerant record framing), values (cell parsing), legal (status/event vocabulary), document (fields ->
raw rows). The adapter itself is pipeline.sources.cn_export.
"""
