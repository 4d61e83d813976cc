"""`patentnav classify --sei-agreement`: the evidence table for the adopted SEI concordance (issue 22)."""

from __future__ import annotations

from typing import Any

import typer

CN_VENDOR_DIR = "tests/data/cn_vendor"  # real incoPat exports carrying 新兴产业分类 (see tests/data/PROVENANCE.md)


def register(app: typer.Typer) -> None:
    """Nothing of its own: `patentnav classify --sei-agreement` (pipeline.commands.classify) calls this module."""


def run_sei_agreement(settings: Any, *, with_model: bool = True) -> dict[str, Any]:
    """Agreement of each SEI method with incoPat per level and vendor file, and the rows of the adopted table
    that disagree most (candidate transcription errors)."""
    from pipeline.enrich import sei, seieval
    from pipeline.errors import PatentNavError
    from pipeline.settings import PROJECT_ROOT

    names = sei.load_names(settings.reference_dir / "sei_codes.csv")
    records = seieval.vendor_records(PROJECT_ROOT / CN_VENDOR_DIR, names)
    if not any(r.vendor for r in records):
        raise PatentNavError(f"no record with incoPat's 新兴产业分类 under {CN_VENDOR_DIR}")
    table = seieval.agreement_table(records, settings.reference_dir, with_model=with_model)
    matcher, _ = seieval.matchers(settings.reference_dir)["cnipa2021"]
    return {"rows": table["rows"], "candidates": seieval.row_disagreement(records, matcher),
            "version": sei.CONCORDANCE_VERSION}


def print_sei_agreement(report: dict[str, Any]) -> None:
    rows = report["rows"]
    files = list(dict.fromkeys(r["file"] for r in rows))
    short = {f: f.split("_")[1] if f != "ALL" and "_" in f else f for f in files}
    typer.echo("SEI labels against incoPat's 新兴产业分类: share of records with incoPat labels that share one "
               "label at the level (n records); 'blank→SEI' = share of records incoPat leaves blank that the method "
               f"labels SEI. Adopted: cnipa2021 = {report['version']}")
    for level in ("industry", "category"):
        typer.echo(f"\n[{level} level]")
        typer.echo(f"  {'method':<30}" + "".join(f"{short[f]:>18}" for f in files) + f"{'exact(ALL)':>12}"
                   + f"{'blank→SEI':>11}")
        for method in dict.fromkeys(r["method"] for r in rows):
            cells = {r["file"]: r for r in rows if r["method"] == method and r["level"] == level}
            if not cells:
                continue
            line = f"  {method:<30}"
            for f in files:
                cell = cells.get(f)
                has = cell is not None and cell["agree"] is not None
                line += f"{cell['agree']:>11.3f} ({cell['n']:>4})" if has and cell else f"{'—':>18}"
            total = cells.get("ALL") or {}
            exact, blank = total.get("exact"), total.get("none_labelled")
            line += f"{exact:>12.3f}" if exact is not None else f"{'—':>12}"
            line += f"{blank:>11.3f}" if blank is not None else f"{'—':>11}"
            typer.echo(line)
    typer.echo("\n[rows of the adopted table that disagree most with incoPat: candidate transcription errors]")
    typer.echo(f"  {'row':<26}{'fired':>7}{'category':>10}{'industry':>10}  incoPat says")
    for c in report["candidates"]:
        row = f"{c['sei_code']}#{c['rule_no']} {c['ipc']}"
        typer.echo(f"  {row:<26}{c['fired']:>7}{c['agree']:>10.3f}{c['industry_agree']:>10.3f}  {c['incopat_says']}")
