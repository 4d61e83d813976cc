"""`patentnav classify` (label a CSV, or --evaluate the text model) and `patentnav topics` (rebuild topics/map)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pipeline.safety import spreadsheet_safe_text

console = Console(stderr=True)
CN_SAMPLE_DIRS = ("tests/data/industry",)  # the copied cn_patent_text_cpc slices (see tests/data/PROVENANCE.md)
CN_VENDOR_DIR = "tests/data/cn_vendor"  # real CN vendor exports (GPL-3.0 data; see tests/data/PROVENANCE.md)


def register(app: typer.Typer) -> None:
    @app.command()
    def classify(
        input: Annotated[Path | None, typer.Option("--input", help="CSV with id,title,abstract[,ipc].")] = None,
        output: Annotated[Path | None, typer.Option("--output", help="Where to write id,industry_code,score,method.")]
        = None,
        text_only: Annotated[bool, typer.Option("--text-only", help="Ignore the ipc column; use the text model.")]
        = False,
        evaluate: Annotated[bool, typer.Option("--evaluate", help="Evaluate the text model on held-out samples.")]
        = False,
        sei_agreement: Annotated[bool, typer.Option(
            "--sei-agreement", help="SEI labels (interim vs CNIPA 2021 vs model) against incoPat's 新兴产业分类.")]
        = False,
        no_model: Annotated[bool, typer.Option("--no-model", help="With --sei-agreement: leave out the model rows.")]
        = False,
        teachers: Annotated[str, typer.Option(
            "--teachers", help="With --evaluate: 'two' (concordance + incoPat SEI) or 'concordance' (the old way).")]
        = "two",
    ) -> None:
        """Assign level-1 industries to patents from codes (concordance) or from title+abstract (model)."""
        from pipeline.errors import PatentNavError
        from pipeline.settings import load_settings

        settings = load_settings()
        if sei_agreement:
            from pipeline.commands.seiagree import print_sei_agreement, run_sei_agreement

            print_sei_agreement(run_sei_agreement(settings, with_model=not no_model))
            return
        if evaluate:
            report = run_evaluation(settings, teachers=teachers)
            print_evaluation(report)
            return
        if input is None or output is None:
            raise PatentNavError("classify needs --input FILE.csv and --output OUT.csv (or --evaluate)")
        if not input.exists():
            raise PatentNavError(f"{input}: no such file")
        count = classify_file(settings, input, output, text_only)
        console.print(f"{count} rows written to {output}")

    @app.command()
    def topics(
        refit: Annotated[bool, typer.Option("--refit", help="Refit the landscape map (moves every document).")]
        = False,
        recluster: Annotated[
            bool, typer.Option("--recluster", help="Re-cluster topics on the current map (topic ids may change).")
        ] = False,
    ) -> None:
        """Place new documents on the landscape and in their nearest topic (re-cluster with --recluster/--refit)."""
        from pipeline.errors import PatentNavError
        from pipeline.run import run_step
        from pipeline.settings import load_settings

        settings = load_settings()
        if not settings.warehouse.exists():
            raise PatentNavError(f"{settings.warehouse}: no warehouse yet; run `patentnav ingest` first")
        # Through the registry, so the step's fingerprint and checks apply as on a night; a refit or re-cluster
        # is asked for explicitly and so always runs.
        options = {"refit": refit, "recluster": recluster}
        summary = run_step("topics_and_landscape", settings, force=refit or recluster, options=options)
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False, default=str))


def _model_or_train(settings: Any) -> tuple[Any, dict]:
    """The persisted model; if none exists yet, train one on all labelled real samples and persist it."""
    from pipeline.enrich import textmodel

    loaded = textmodel.load(settings.model_dir)
    if loaded:
        return loaded
    samples, labels = _labelled_samples(settings)
    pipeline, card = textmodel.train([s.id for s in samples], [textmodel.doc_text(s.title, s.abstract)
                                                                for s in samples], labels)
    card["trained_on"] = "real samples (no warehouse model yet)"
    textmodel.save(pipeline, card, settings.model_dir)
    return pipeline, card


def _labelled_samples(settings: Any) -> tuple[list, list[str]]:
    from pipeline.enrich.industry import load_taxonomy
    from pipeline.enrich.samples import load_real_samples, primary_label
    from pipeline.settings import PROJECT_ROOT

    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    samples = load_real_samples(settings.sample_dir, [PROJECT_ROOT / d for d in CN_SAMPLE_DIRS])
    labelled = [(s, primary_label(s.codes, industries)) for s in samples]
    kept = [(s, label) for s, label in labelled if label]
    return [s for s, _ in kept], [label for _, label in kept]


def classify_file(settings: Any, input: Path, output: Path, text_only: bool) -> int:
    with open(input, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = industries_for(settings, rows, text_only)
    with open(output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "industry_code", "score", "method"])
        for row, (code, score, method) in zip(rows, results, strict=True):
            writer.writerow([spreadsheet_safe_text(row.get("id") or ""), code, score, method])
    return len(rows)


def industries_for(settings: Any, rows: list[dict[str, str]], text_only: bool) -> list[tuple[str, float, str]]:
    """(industry, score, method) of each id,title,abstract[,ipc] row: from its codes (concordance) when it has
    any and text_only is off, else from the text model."""
    from pipeline.enrich import textmodel
    from pipeline.enrich.industry import label_codes, load_taxonomy

    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    results: dict[int, tuple[str, float, str]] = {}
    to_model = []
    for index, row in enumerate(rows):
        codes = [c for c in (row.get("ipc") or "").replace(";", "|").replace(",", "|").split("|") if c.strip()]
        code_scores = label_codes(codes, industries) if codes and not text_only else {}
        if code_scores:
            code, score = sorted(code_scores.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            results[index] = (code, score, "concordance")
        else:
            to_model.append(index)
    if to_model:
        pipeline, _ = _model_or_train(settings)
        labels, scores = textmodel.predict(
            pipeline, [textmodel.doc_text(rows[i].get("title"), rows[i].get("abstract")) for i in to_model])
        for i, label, score in zip(to_model, labels, scores, strict=True):
            results[i] = (label, score, "model")
    return [results[i] for i in range(len(rows))]


def real_docs(settings: Any) -> list:
    """The real labelled documents of the evaluation: CN vendor exports (zh + English twins) and samples."""
    from pipeline.enrich import clfeval
    from pipeline.enrich.industry import load_taxonomy
    from pipeline.settings import PROJECT_ROOT

    industries = load_taxonomy(settings.reference_dir / "industries.csv")
    docs = clfeval.cn_docs(PROJECT_ROOT / CN_VENDOR_DIR, industries)
    return docs + clfeval.sample_docs(settings.sample_dir, [PROJECT_ROOT / d for d in CN_SAMPLE_DIRS], industries)


def run_evaluation(settings: Any, seed: int = 7, teachers: str = "two") -> dict:
    """Held-out fold of the real documents (split by document), text-only predictions scored per language and
    source, agreement with incoPat's 新兴产业分类; saved in the model card as `evaluation`."""
    from pipeline.enrich import clfeval, textmodel

    docs = real_docs(settings)
    if len(docs) < 20:
        from pipeline.errors import PatentNavError

        raise PatentNavError(f"only {len(docs)} labelled real documents; cannot evaluate")
    report, pipeline = clfeval.evaluate_docs(docs, seed=seed, teachers=teachers)
    report["synthetic"] = _evaluate_synthetic(settings, pipeline)
    textmodel.update_card(settings.model_dir, "evaluation", report)
    return report


def _evaluate_synthetic(settings: Any, pipeline: Any) -> dict:
    """Synthetic patents in the warehouse, labelled by their codes, scored with the real-trained model."""
    from pipeline.enrich import textmodel

    if not settings.warehouse.exists():
        return {"n": 0, "note": "no warehouse"}
    import duckdb

    from pipeline.db import table_exists
    from pipeline.sql import run_sql

    try:
        con = duckdb.connect(str(settings.warehouse), read_only=True)
    except duckdb.Error as error:
        return {"n": 0, "note": f"warehouse not readable now: {error}"}
    try:
        if not table_exists(con, "enrich.patent_industry"):
            return {"n": 0, "note": "enrich.patent_industry not built"}
        rows = run_sql(con, "enrich/synthetic_evaluation_sample").fetchall()
    finally:
        con.close()
    if not rows:
        return {"n": 0, "note": "no synthetic patents with codes in the warehouse"}
    predicted, _ = textmodel.predict(pipeline, [textmodel.doc_text(r[0], r[1]) for r in rows])
    return textmodel.evaluate([r[2] for r in rows], predicted)


def print_evaluation(report: dict) -> None:
    split = report["split"]
    typer.echo(f"held-out split: {split['method']}; train {split['train']}, test {split['test']} "
               f"(seed {split['seed']}); {report.get('data', '')}")
    typer.echo(f"teachers: {report.get('teachers', 'concordance')}")
    for name, result in report.items():
        if not isinstance(result, dict) or "per_class" not in result:
            if name == "synthetic":
                typer.echo(f"\n[synthetic] {result.get('note', '')}")
            continue
        typer.echo(f"\n[{name}] n={result['n']} macro-F1={result['macro_f1']:.3f}")
        typer.echo(f"  {'class':<8}{'precision':>10}{'recall':>8}{'f1':>7}{'support':>9}")
        for code, m in result["per_class"].items():
            typer.echo(f"  {code:<8}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['support']:>9}")
    typer.echo("\n[per language] text-only macro-F1 against the held-out labels / against concordance labels only; "
               "agreement with incoPat's SEI industry (held out)")
    sei = report.get("sei_agreement") or {}
    for language in ("zh", "en"):
        if f"real_{language}" in report:
            typer.echo(f"  {language}: macro-F1 {report[f'real_{language}']['macro_f1']:.3f} / "
                       f"{report.get(f'vs_concordance_{language}', float('nan')):.3f}; incoPat SEI agreement "
                       f"{sei.get(f'model_agrees_{language}')} of {sei.get(f'heldout_records_{language}')} records "
                       f"(the concordance label on the same: {sei.get(f'concordance_agrees_heldout_{language}')})")
    if sei:
        typer.echo(f"\n[incoPat 新兴产业分类] mapping (sei_to_industry.csv) {sei['mapping']}")
        typer.echo(f"  concordance label agrees on {sei['concordance_agrees']} of {sei['records_with_mapped_sei']}"
                   " records (zh)")
        typer.echo(f"  commonest disagreements (SEI->concordance): {sei['top_disagreements']}")
