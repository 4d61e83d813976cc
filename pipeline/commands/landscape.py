"""`patentnav landscape --input docs.csv --output points.csv`: place any id,title,abstract[,ipc] list on the
fitted technology map without moving it (the map and topic model the topics step persisted)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.safety import spreadsheet_safe_text

COLUMNS = ("id", "x", "y", "topic_id", "topic_label_zh", "topic_label_en", "industry_code")


def register(app: typer.Typer) -> None:
    @app.command()
    def landscape(
        input: Annotated[Path, typer.Option("--input", help="CSV with id,title,abstract[,ipc].")],
        output: Annotated[Path, typer.Option("--output", help="Where to write " + ",".join(COLUMNS) + ".")],
    ) -> None:
        """Place documents on the fitted landscape map and in their nearest topic; the map does not move."""
        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings

        if not input.exists():
            raise PatentNavError(f"{input}: no such file")
        count = place_file(load_settings(), input, output)
        typer.echo(f"{count} documents placed, written to {output}")


def place_file(settings: Any, input: Path, output: Path, con: Any = None) -> int:
    """Write COLUMNS for every row of `input`; `con` is an open warehouse connection to read labels from."""
    from pipeline.commands.classify import industries_for
    from pipeline.enrich import landscape, topics
    from pipeline.enrich.landscape import map_doc
    from pipeline.errors import PatentNavError

    fitted = landscape.load_map(settings.model_dir)
    model = topics.load_topic_model(settings.model_dir)
    if fitted is None or model is None or model.map_version != fitted.version:
        raise PatentNavError(f"no fitted map and topic model under {settings.model_dir}; run `patentnav topics`")
    with open(input, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    industry = [r[0] for r in industries_for(settings, rows, text_only=False)]
    embedded = fitted.embed([map_doc(r.get("title"), r.get("abstract"), r.get("ipc")) for r in rows])
    xy = fitted.project(embedded)
    topic_of = assign_topics(model, industry, embedded)
    labels = topic_labels(settings, con)
    with open(output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row, (x, y), code, topic in zip(rows, xy.tolist(), industry, topic_of, strict=True):
            label_zh, label_en = labels.get(topic or "", ("", ""))
            writer.writerow([spreadsheet_safe_text(row.get("id") or ""), round(x, 6), round(y, 6),
                             topic or "", spreadsheet_safe_text(label_zh), spreadsheet_safe_text(label_en), code])
    return len(rows)


def assign_topics(model: Any, industry: list[str], embedded: Any) -> list[str | None]:
    """Nearest topic of each document within its industry; None for an industry the model has no topics of."""
    import numpy as np

    found: list[str | None] = [None] * len(industry)
    codes = np.array(industry, dtype=object)
    for code in sorted(set(industry)):
        rows = np.flatnonzero(codes == code)
        assigned = model.assign(code, embedded[rows])
        for row, topic in zip(rows.tolist(), assigned or [None] * len(rows), strict=True):
            found[row] = topic
    return found


def topic_labels(settings: Any, con: Any = None) -> dict[str, tuple[str, str]]:
    """topic_id -> (label_zh, label_en) from the warehouse (opened read-only unless `con` is given), {} when it
    has no topics."""
    import duckdb

    from pipeline.db import table_exists
    from pipeline.sql import run_sql

    if con is None:
        if not settings.warehouse.exists():
            return {}
        with duckdb.connect(str(settings.warehouse), read_only=True) as own:
            return topic_labels(settings, own)
    if not table_exists(con, "enrich.topic"):
        return {}
    return {r[0]: (r[1] or "", r[2] or "") for r in run_sql(con, "enrich/topic_labels").fetchall()}
