"""Whole-US scale: a PatentsView-shaped bundle of 8M patents and 130M citations through ingest and every step.

    .venv/bin/python bench/whole_us.py                                   # 8,000,000 patents / 130,000,000 citations
    .venv/bin/python bench/whole_us.py --patents 1000000 --citations 16000000 --workdir /work/benchdata/scale/1m
    .venv/bin/python bench/whole_us.py --workdir DIR --phase networks    # re-time one phase on the kept warehouse
    .venv/bin/python bench/whole_us.py --workdir DIR --phase networks_cold   # ... as a full rebuild (no warm start)

The bundle (bench/ingest_patentsview.py's generator, citations from its Price's-model `price_citations`:
lognormal out-degree calibrated on the real grants in data/sample/uspto, preferential attachment to older
patents with a recency skew, cited always older; 0.93 distinct assignees per patent as in the real sample, not
its 2.6 repeated rows; distinct titles made of two real ones; no abstracts) is written once to
WORKDIR/bundle-<N>-<M>/ and reused. The pipeline phases then run in a fresh warehouse in WORKDIR/run-<N>-<M>/
(kept, so `--phase` can re-time a step):

  generate            the bundle and its edge arrays (.npy); skipped when already there
  baseline_read_csv   bare DuckDB read_csv of every g_*.tsv into plain tables (the ingest baseline)
  stage, merge        pipeline.run.stage_files (2 workers) and merge_staged: the ingest
  check_core          pipeline.run.finalize_and_check
  <every step>        pipeline.run.run_step(name, force=True) for each registry step of kind "step"
  render              pipeline.run.render_and_publish(force=True)
  baseline_pagerank   bare scipy.sparse PageRank (int32 CSR, power iteration) on the generated edges: the
                      floor for the networks step

Each phase runs in its own child process; its peak RSS is the larger of the child's ru_maxrss (its
grandchildren's too) and a psutil sample of the process tree every 0.2 s. The table printed at the end has
phase, seconds, peak RSS, baseline, ratio, target and whether it is met; targets: pipeline phases (stage through
render) <= 30 min, networks <= 10 min, every phase <= 16 GB. RUSAGE_CHILDREN of this parent is printed too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

TOTAL_TARGET_S = 30 * 60
NETWORK_TARGET_S = 10 * 60
RSS_TARGET_GB = 16.0
PIPELINE_FIRST, PIPELINE_LAST = "stage", "render"


def step_names() -> list[str]:
    from pipeline.steps import steps_of_kind

    return [step.name for step in steps_of_kind("step")]


def all_phases() -> list[str]:
    return ["generate", "baseline_read_csv", "stage", "merge", "check_core", *step_names(), "render",
            "baseline_pagerank"]


# run only when named with --phase: not part of the end-to-end total
EXTRA_PHASES = ["networks_cold"]


class Paths:
    def __init__(self, workdir: Path, patents: int, citations: int) -> None:
        self.bundle = workdir / f"bundle-{patents}-{citations}"
        self.inbox = self.bundle / "inbox"
        self.tsv = self.inbox / "patentsview"
        self.run = workdir / f"run-{patents}-{citations}"
        self.warehouse = self.run / "warehouse.duckdb"


def settings_for(paths: Paths) -> Any:
    from pipeline.settings import load_settings

    return load_settings({"PATENTNAV_WAREHOUSE": str(paths.warehouse), "PATENTNAV_INBOX": str(paths.inbox),
                          "PATENTNAV_OUTPUT": str(paths.run / "output")})


# ------------------------------------------------------------------------------------------ child side


def bare_pagerank(bundle: Path, tol: float = 1e-12, alpha: float = 0.85) -> dict[str, Any]:
    """The least a PageRank over these edges costs: load the node arrays, one int32 CSR, power iteration with
    the networks step's stopping rule (L1 change < n * tol). No string ids, no de-duplication."""
    import scipy.sparse as sp

    citing = np.load(bundle / "citing.npy")
    cited = np.load(bundle / "cited.npy")
    n = int(max(citing.max(), cited.max())) + 1
    out_deg = np.bincount(citing, minlength=n).astype(np.float64)
    move = sp.csr_matrix((1.0 / out_deg[citing], (cited, citing)), shape=(n, n))
    del citing, cited
    dangling = out_deg == 0
    rank = np.full(n, 1.0 / n)
    for iterations in range(1, 1001):  # noqa: B007 - the count is reported
        previous = rank
        rank = alpha * (move @ previous) + (alpha * previous[dangling].sum() + 1.0 - alpha) / n
        if np.abs(rank - previous).sum() < n * tol:
            break
    return {"nodes": n, "edges": int(move.nnz), "iterations": iterations}


def degree_stats(bundle: Path) -> dict[str, Any]:
    citing = np.load(bundle / "citing.npy")
    cited = np.load(bundle / "cited.npy")
    n = int(max(citing.max(), cited.max())) + 1
    stats = {}
    for name, ends in (("out", citing), ("in", cited)):
        degree = np.bincount(ends, minlength=n)
        stats[name] = {"mean": round(float(degree.mean()), 2), "median": float(np.median(degree)),
                       "p90": float(np.percentile(degree, 90)), "p99": float(np.percentile(degree, 99)),
                       "max": int(degree.max()), "zero_share": round(float((degree == 0).mean()), 4)}
    return stats


def real_out_degree() -> dict[str, Any]:
    """US-patent references per grant in the real USPTO grant XML of data/sample/uspto (102 grants, 2005-2021):
    the real out-degree the generator is calibrated on. No real in-degree sample is bundled (a grant's forward
    citations need the whole corpus), so in-degree is compared with published figures in the report only."""
    import re

    counts = []
    for path in sorted((ROOT / "data" / "sample" / "uspto").glob("*.xml")):
        for doc in path.read_text(encoding="utf-8", errors="replace").split("<?xml "):
            if "<us-patent-grant" not in doc:
                continue
            refs = re.findall(r"<patcit[^>]*>.*?</patcit>", doc, flags=re.S)
            counts.append(sum("<country>US</country>" in ref for ref in refs))
    degree = np.array(counts)
    return {"grants": len(degree), "mean": round(float(degree.mean()), 2), "median": float(np.median(degree)),
            "p90": float(np.percentile(degree, 90)), "p99": float(np.percentile(degree, 99)),
            "max": int(degree.max()), "zero_share": round(float((degree == 0).mean()), 4)}


def print_degrees(generated: dict[str, Any]) -> None:
    real = real_out_degree()
    print(f"\n{'degree':<34}{'mean':>8}{'median':>8}{'p90':>8}{'p99':>8}{'max':>9}{'zero':>8}")
    for label, d in ((f"out, real ({real['grants']} grants, data/sample/uspto)", real),
                     ("out, generated", generated["out"]), ("in, generated", generated["in"])):
        print(f"{label:<34}{d['mean']:>8.1f}{d['median']:>8.0f}{d['p90']:>8.0f}{d['p99']:>8.0f}{d['max']:>9}"
              f"{d['zero_share']:>8.1%}")


def run_phase(phase: str, paths: Paths, patents: int, citations: int) -> dict[str, Any]:
    from pipeline import run

    if phase == "generate":
        from ingest_patentsview import DISTINCT_ASSIGNEES_PER_PATENT, generate

        if (paths.bundle / "done").exists():
            return {"skipped": "bundle exists", "degrees": degree_stats(paths.bundle)}
        shutil.rmtree(paths.bundle, ignore_errors=True)
        paths.tsv.mkdir(parents=True)
        generate(paths.tsv, patents, citations, citation_model="price", edges_out=paths.bundle,
                 assignees_per_patent=DISTINCT_ASSIGNEES_PER_PATENT, distinct_titles=True)
        (paths.bundle / "done").write_text("")
        sizes = {p.name: p.stat().st_size for p in paths.tsv.iterdir()}
        return {"tsv_gb": round(sum(sizes.values()) / 1e9, 2), "degrees": degree_stats(paths.bundle)}
    if phase == "baseline_read_csv":
        from ingest_patentsview import run_baseline

        db = paths.bundle / "baseline.duckdb"
        db.unlink(missing_ok=True)
        try:
            return run_baseline(paths.tsv, db, "16GB")
        finally:
            db.unlink(missing_ok=True)
    if phase == "baseline_pagerank":
        return bare_pagerank(paths.bundle)
    settings = settings_for(paths)
    if phase == "stage":  # a fresh warehouse: everything from here on is built in this run
        shutil.rmtree(paths.run, ignore_errors=True)
        paths.run.mkdir(parents=True)
        staged = run.stage_files(run.discover_new_files(settings), settings, workers=2)
        return {"files": [{k: f[k] for k in ("status", "seconds")} for s in staged for f in s["files"]]}
    if phase == "merge":
        return run.merge_staged(settings)
    if phase == "check_core":
        return run.finalize_and_check(settings)
    if phase == "render":
        summary = run.render_and_publish(settings, force=True)
        return {k: v for k, v in summary.items() if isinstance(v, int | float | str)}
    if phase == "networks_cold":  # the networks step as a full rebuild runs it: communities from nothing
        return run.run_step("networks", settings, force=True, options={"warm_start": False})
    return run.run_step(phase, settings, force=True)


class TreeSampler:
    """Peak RSS of this process plus its children, sampled (stage workers are grandchildren of the parent)."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self.interval = interval
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self) -> None:
        import psutil

        while not self.stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker may exit between listing and reading
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)

    def close(self) -> float:
        self.stop.set()
        self.thread.join()
        return self.peak / 2**30


def child(phase: str, paths: Paths, patents: int, citations: int) -> None:
    sampler = TreeSampler()
    started = time.perf_counter()
    result = run_phase(phase, paths, patents, citations)
    seconds = time.perf_counter() - started
    sampled = sampler.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print("RESULT " + json.dumps({"seconds": seconds, "rss_gb": max(own, kids, sampled), "result": result},
                                 default=str), flush=True)


# ------------------------------------------------------------------------------------------ parent side


def spawn(phase: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", phase, "--workdir", str(args.workdir),
               "--patents", str(args.patents), "--citations", str(args.citations)]
    started = time.perf_counter()
    out = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        print(out.stderr[-4000:], file=sys.stderr)
        return {"seconds": time.perf_counter() - started, "rss_gb": float("nan"), "failed": out.returncode,
                "result": {"error": out.stderr.strip().splitlines()[-1:] if out.stderr else []}}
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    parsed: dict[str, Any] = json.loads(line[len("RESULT "):])
    return parsed


def print_table(results: dict[str, dict[str, Any]], order: list[str]) -> None:
    pipeline = order[order.index(PIPELINE_FIRST): order.index(PIPELINE_LAST) + 1]
    base_csv = results.get("baseline_read_csv", {}).get("seconds")
    base_pr = results.get("baseline_pagerank", {}).get("seconds")
    header = f"{'phase':<22}{'seconds':>9}{'peak RSS':>10}{'baseline':>26}{'ratio':>8}  {'target':<22}met?"
    print("\n" + header + "\n" + "-" * len(header))

    def row(name: str, seconds: float, rss: float, baseline: str, ratio: str, target: str, met: str) -> None:
        print(f"{name:<22}{seconds:>9.1f}{rss:>8.2f}GB{baseline:>26}{ratio:>8}  {target:<22}{met}")

    for name in order:
        if name not in results:
            continue
        r = results[name]
        rss_ok = r["rss_gb"] <= RSS_TARGET_GB
        baseline, ratio, target, met = "", "", f"<= {RSS_TARGET_GB:.0f} GB", "yes" if rss_ok else "NO"
        if name == "stage" and base_csv and "merge" in results:
            ingest = r["seconds"] + results["merge"]["seconds"]
            baseline, ratio = f"read_csv {base_csv:.1f}s", f"{ingest / base_csv:.2f}x"
        if name == "networks":
            if base_pr:
                baseline, ratio = f"bare PageRank {base_pr:.1f}s", f"{r['seconds'] / base_pr:.1f}x"
            target = f"<= {NETWORK_TARGET_S}s, {RSS_TARGET_GB:.0f} GB"
            met = "yes" if rss_ok and r["seconds"] <= NETWORK_TARGET_S else "NO"
        if r.get("failed"):
            met = f"FAILED ({r['result']})"
        row(name, r["seconds"], r["rss_gb"], baseline, ratio, target, met)
    done = [name for name in pipeline if name in results]
    if done:
        total = sum(results[name]["seconds"] for name in done)
        peak = max(results[name]["rss_gb"] for name in done)
        complete = len(done) == len(pipeline) and not any(results[n].get("failed") for n in done)
        met = "yes" if complete and total <= TOTAL_TARGET_S and peak <= RSS_TARGET_GB else "NO"
        label = "end to end" if len(done) == len(pipeline) else f"{len(done)} of {len(pipeline)} phases"
        row(f"= {label}", total, peak, f"read_csv {base_csv:.1f}s" if base_csv else "",
            f"{total / base_csv:.1f}x" if base_csv else "", f"<= {TOTAL_TARGET_S}s, {RSS_TARGET_GB:.0f} GB", met)


def save_results(args: argparse.Namespace, results: dict[str, dict[str, Any]]) -> None:
    """Merged into WORKDIR/results-<N>-<M>.json, so runs of single phases add up to one record per size."""
    path = args.workdir / f"results-{args.patents}-{args.citations}.json"
    kept = json.loads(path.read_text()) if path.exists() else {}
    kept.update(results)
    path.write_text(json.dumps(kept, indent=1, default=str))


def project(args: argparse.Namespace) -> None:
    """Per phase, the time and peak RSS at --patents/--citations extrapolated from the two smaller saved runs
    named by --project-from (N:M each) with a power law through both points (t = a * patents**b), which
    follows both the fixed costs (b < 1) and super-linear phases (b > 1)."""
    sizes = [tuple(int(x) for x in spec.split(":")) for spec in args.project_from]
    runs = [json.loads((args.workdir / f"results-{n}-{m}.json").read_text()) for n, m in sizes]
    (n1, _), (n2, _) = sizes
    target = args.patents
    print(f"\nprojection to {args.patents:,} patents / {args.citations:,} citations from runs at "
          f"{n1:,} and {n2:,} patents (t = a * patents**b through both)")
    print(f"{'phase':<22}{'s @' + format(n1, ','):>14}{'s @' + format(n2, ','):>14}{'b':>6}"
          f"{'s projected':>13}{'GB @' + format(n2, ','):>15}{'GB projected':>14}")
    total = 0.0
    peak = 0.0
    order = all_phases()
    pipeline = order[order.index(PIPELINE_FIRST): order.index(PIPELINE_LAST) + 1]
    for phase in order:
        if phase not in runs[0] or phase not in runs[1]:
            continue
        t1, t2 = runs[0][phase]["seconds"], runs[1][phase]["seconds"]
        g1, g2 = runs[0][phase]["rss_gb"], runs[1][phase]["rss_gb"]
        b = float(np.log(t2 / t1) / np.log(n2 / n1)) if t1 > 0 and t2 > 0 else 1.0
        projected = t2 * (target / n2) ** b
        rb = float(np.log(g2 / g1) / np.log(n2 / n1)) if g1 > 0 and g2 > 0 else 1.0
        projected_gb = g2 * (target / n2) ** rb
        if phase in pipeline:
            total += projected
            peak = max(peak, projected_gb)
        print(f"{phase:<22}{t1:>14.1f}{t2:>14.1f}{b:>6.2f}{projected:>13.0f}{g2:>15.2f}{projected_gb:>14.1f}")
    print(f"{'= stage .. render':<22}{'':>14}{'':>14}{'':>6}{total:>13.0f}{'':>15}{peak:>14.1f}"
          f"   targets <= {TOTAL_TARGET_S} s, <= {RSS_TARGET_GB:.0f} GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patents", type=int, default=8_000_000)
    parser.add_argument("--citations", type=int, default=130_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/work/benchdata/scale"))
    parser.add_argument("--phase", action="append", help="run only these phases (repeatable); default all")
    parser.add_argument("--project-from", nargs=2, metavar="N:M",
                        help="print a projection to --patents/--citations from two saved runs; runs nothing")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.workdir = args.workdir.resolve()
    if args.project_from:
        project(args)
        return
    paths = Paths(args.workdir, args.patents, args.citations)
    if args.child:
        child(args.child, paths, args.patents, args.citations)
        return
    order = all_phases() + EXTRA_PHASES
    wanted = args.phase or all_phases()
    unknown = sorted(set(wanted) - set(order))
    if unknown:
        sys.exit(f"unknown phase(s) {unknown}; phases: {', '.join(order)}")
    print(f"whole_us: {args.patents:,} patents, {args.citations:,} citations; workdir {args.workdir}; "
          f"pid {os.getpid()}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for phase in order:
        if phase not in wanted:
            continue
        result = spawn(phase, args)
        results[phase] = result
        detail = json.dumps(result.get("result"), default=str)
        if phase == "generate" and "degrees" in result.get("result", {}):
            print_degrees(result["result"]["degrees"])
        print(f"{phase:<22}{result['seconds']:8.1f}s  peak {result['rss_gb']:.2f} GB  {detail[:600]}", flush=True)
        if result.get("failed") and phase in ("generate", "stage", "merge"):
            break  # everything after needs these
    save_results(args, results)
    print_table(results, order)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(f"max RSS of any child process (RUSAGE_CHILDREN): {children:.2f} GB")


if __name__ == "__main__":
    main()
