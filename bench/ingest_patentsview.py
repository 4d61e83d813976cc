"""Benchmark: PatentsView g_* ingest against a bare DuckDB read_csv of the same files.

Builds PatentsView-format TSVs (default 1M patents, 10M citations) shaped like the real sample in
data/sample/patentsview (titles, assignee organisations and CPC subclasses copied from it cyclically, the same
rows-per-patent ratios, party names recurring as in real tables: SPELLINGS_PER_ROW), then measures in separate
subprocesses:
  (a) baseline: `create table t as select * from read_csv(file, sep='\\t', header=true)` per file, fresh db;
  (b) ours: pipeline.warehouse.ingest.ingest_paths on a fresh warehouse (hashing, staging SQL, core merge).
Prints both times, the ratio (target <= 3.0) and each process's peak RSS (target <= 4 GB), plus the
slowest statements of (b). With --floor, also (c): each TSV copied as text to Parquet, then into a table, with no
transformation, the least a raw layer plus core costs; and (d) the same in the column types read_csv detects.

    .venv/bin/python bench/ingest_patentsview.py                       # full size (minutes)
    .venv/bin/python bench/ingest_patentsview.py --patents 50000 --citations 500000   # quick try
    .venv/bin/python bench/ingest_patentsview.py --repeat 3 --workdir DIR  # median of 3 alternating pairs
    .venv/bin/python bench/ingest_patentsview.py --floor --workdir DIR     # and the two-layer floor
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "patentsview"
TABLES = (
    "g_patent", "g_application", "g_assignee_disambiguated", "g_inventor_disambiguated",
    "g_location_disambiguated", "g_cpc_current", "g_us_patent_citation",
)
# rows per patent in the real sample: 9674 assignee and 10219 inventor rows for 3760 patents
ASSIGNEES_PER_PATENT = 2.6
# ... but only 3507 distinct (patent, organisation) pairs among those 9674 rows (the third-party copy repeats
# rows, see data/sample/PROVENANCE.md): 0.93 distinct assignees per patent, what bench/whole_us.py generates.
DISTINCT_ASSIGNEES_PER_PATENT = 0.93
INVENTORS_PER_PATENT = 2.7
CPC_PER_PATENT = 1.9
# Patent numbers are text in real PatentsView tables: of the 3760 grants in the real sample 337 are design
# patents (D…), 8 plant (PP…), 6 reissues (RE…), 2 statutory invention registrations (T…, H…). The shares below
# (per mille of patents, spread over the table by a multiplicative hash) keep that shape, so the baseline's
# read_csv detects the id columns as text, as it must on real files, instead of as integers.
DESIGN_PER_MILLE, PLANT_PER_MILLE, REISSUE_PER_MILLE = 90, 2, 2


# Distinct name spellings per party row. Names recur across patents: 2013 had 347,148 US grants and 282,265
# distinct inventors (PatentsView counts by year, as tabulated in a public gist, martinklepsch/72ddd5e9), i.e.
# about 0.3 distinct inventors per inventor row at 2.7 rows a patent, fewer over several years. The same share
# is used for assignees (real organisations recur more), so name work per distinct spelling is not flattered.
SPELLINGS_PER_ROW = 0.3


def spelling(row: str, rows: int, sample_names: int) -> str:
    """A lateral subquery giving row `row` a spelling number (spread over the table, each used ~1/0.3 times) and
    the suffix that makes spellings past the sample's names distinct ('' for the first sample_names of them)."""
    spellings = max(int(rows * SPELLINGS_PER_ROW), 1)
    # a multiplicative hash spreads each spelling's rows over the table instead of one patent
    number = f"(({row} * 2654435761) % {spellings})"
    return (f"(select {number} as spelling, case when {number} >= {sample_names} "
            f"then ' ' || ({number} // {sample_names})::varchar else '' end as variant)")


def generate(folder: Path, patents: int, citations: int, citation_model: str = "hash", seed: int = 7,
             edges_out: Path | None = None, assignees_per_patent: float = ASSIGNEES_PER_PATENT,
             distinct_titles: bool = False) -> None:
    """All g_* tables; citation_model "hash" (uniform older targets, fixed out-degree) or "price" (see
    price_citations); with edges_out the price model's node arrays are also saved there as .npy."""
    import duckdb

    con = duckdb.connect()
    sample = str(SAMPLE)
    # node i's patent number; the kinds use disjoint number ranges, so numbers stay unique
    bucket = "((i::bigint * 2654435761) % 1000)"
    design, plant = DESIGN_PER_MILLE, DESIGN_PER_MILLE + PLANT_PER_MILLE
    reissue = plant + REISSUE_PER_MILLE
    con.execute(f"""create macro pv_id(i) as case
        when {bucket} < {design} then 'D' || (400000 + i)::varchar
        when {bucket} < {plant} then 'PP' || (10000 + i)::varchar
        when {bucket} < {reissue} then 'RE' || (30000 + i)::varchar
        else (4000000 + i)::varchar end""")
    con.execute(f"""create macro pv_type(i) as case
        when {bucket} < {design} then 'design' when {bucket} < {plant} then 'plant'
        when {bucket} < {reissue} then 'reissue' else 'utility' end""")

    def tsv(name: str) -> str:
        return f"read_csv('{sample}/{name}.tsv', sep='\\t', header=true, all_varchar=true)"

    con.execute(f"create table titles as select row_number() over () - 1 as k, patent_title from {tsv('g_patent')}")
    # one row per distinct sample name (the sample repeats rows), so each spelling number is one name
    con.execute(
        "create table orgs as select row_number() over (order by org) - 1 as k, * from (select "
        "disambig_assignee_organization as org, min(location_id) as location_id "
        f"from {tsv('g_assignee_disambiguated')} where disambig_assignee_organization is not null group by 1)"
    )
    con.execute(
        "create table people as select row_number() over (order by first, last) - 1 as k, * from (select "
        "disambig_inventor_name_first as first, disambig_inventor_name_last as last, min(location_id) as location_id "
        f"from {tsv('g_inventor_disambiguated')} group by 1, 2)"
    )
    con.execute(f"create table subclasses as select row_number() over () - 1 as k, cpc_section, cpc_class, "
                f"cpc_subclass from (select distinct cpc_section, cpc_class, cpc_subclass from {tsv('g_cpc_current')} "
                "where cpc_section between 'A' and 'H' order by all)")
    counts = {name: con.execute(f"select count(*) from {name}").fetchall()[0][0]
              for name in ("titles", "orgs", "people", "subclasses")}
    copy = "(format csv, delimiter '\t', header true, quote '\"')"
    # Real grant titles are nearly all distinct, and the text steps work per distinct text: distinct_titles
    # joins two sample titles (3760 squared = 14M distinct titles) instead of repeating every 3760th.
    title = "t.patent_title || ' with ' || lower(t2.patent_title)" if distinct_titles else "t.patent_title"
    con.execute(f"""
        copy (
            select pv_id(i) as patent_id, pv_type(i) as patent_type,
                (date '1976-01-06' + (i * 17000 // {patents})::int)::varchar as patent_date,
                {title} as patent_title,
                case when pv_type(i) = 'design' then 'S1' when pv_type(i) = 'plant' then 'P2'
                     when pv_type(i) = 'reissue' then 'E'
                     when date '1976-01-06' + (i * 17000 // {patents})::int < date '2001-01-02' then 'A'
                     when i % 3 = 0 then 'B1' else 'B2' end as wipo_kind,
                (1 + i % 30)::varchar as num_claims, '0' as withdrawn, 'ipg' || (i % 1000) || '.xml' as filename
            from range({patents}) r(i) join titles t on t.k = r.i % {counts['titles']}
                join titles t2 on t2.k = (r.i // {counts['titles']}) % {counts['titles']}
        ) to '{folder}/g_patent.tsv' {copy}""")
    con.execute(f"""
        copy (
            select (4000000 + i)::varchar || '-app' as application_id, pv_id(i) as patent_id,
                pv_type(i) as patent_application_type,
                (date '1974-01-06' + (i * 17000 // {patents})::int)::varchar as filing_date,
                '0' || (i % 10) as series_code, '0' as rule_47_flag
            from range({patents}) r(i)
        ) to '{folder}/g_application.tsv' {copy}""")
    assignee_rows, inventor_rows = int(patents * assignees_per_patent), int(patents * INVENTORS_PER_PATENT)
    con.execute(f"""
        copy (
            select pv_id(least((i // {assignees_per_patent})::bigint, {patents} - 1)) as patent_id,
                (1 + i % 3)::varchar as assignee_sequence, md5(o.org || v.variant) as assignee_id,
                null as disambig_assignee_individual_name_first, null as disambig_assignee_individual_name_last,
                o.org || v.variant as disambig_assignee_organization, '2' as assignee_type, o.location_id
            from range({assignee_rows}) r(i), {spelling('i', assignee_rows, counts['orgs'])} v
                join orgs o on o.k = v.spelling % {counts['orgs']}
        ) to '{folder}/g_assignee_disambiguated.tsv' {copy}""")
    con.execute(f"""
        copy (
            select pv_id(least((i // {INVENTORS_PER_PATENT})::bigint, {patents} - 1)) as patent_id,
                (i % 7)::varchar as inventor_sequence, 'fl:' || v.spelling as inventor_id,
                p.first as disambig_inventor_name_first, p.last || v.variant as disambig_inventor_name_last,
                null as gender_code, p.location_id
            from range({inventor_rows}) r(i), {spelling('i', inventor_rows, counts['people'])} v
                join people p on p.k = v.spelling % {counts['people']}
        ) to '{folder}/g_inventor_disambiguated.tsv' {copy}""")
    con.execute(f"copy (select * from {tsv('g_location_disambiguated')}) to '{folder}/g_location_disambiguated.tsv' "
                f"{copy}")
    con.execute(f"""
        copy (
            select pv_id(least((i // {CPC_PER_PATENT})::bigint, {patents} - 1)) as patent_id,
                (i % 5)::varchar as cpc_sequence,
                s.cpc_section, s.cpc_class, s.cpc_subclass,
                s.cpc_subclass || (1 + i % 90) || '/' || lpad(((i * 7) % 100)::varchar, 2, '0') as cpc_group,
                case when i % 5 = 0 then 'inventive' else 'additional' end as cpc_type
            from range({int(patents * CPC_PER_PATENT)}) r(i) join subclasses s on s.k = r.i % {counts['subclasses']}
        ) to '{folder}/g_cpc_current.tsv' {copy}""")
    if citation_model == "price":
        citing, cited = price_citations(patents, citations, seed)
        write_citations(con, folder / "g_us_patent_citation.tsv", citing, cited, patents)
        if edges_out is not None:
            np.save(edges_out / "citing.npy", citing)
            np.save(edges_out / "cited.npy", cited)
        return
    per = max(citations // patents, 1)
    con.execute(f"""
        copy (
            select pv_id(i // {per}) as patent_id, (i % {per})::varchar as citation_sequence,
                pv_id(hash(i) % greatest(i // {per}, 1)) as citation_patent_id,
                (date '1976-01-06' + ((hash(i) % greatest(i // {per}, 1)) * 17000 // {patents})::int)::varchar
                    as citation_date,
                'Smith' as record_name, 'B2' as wipo_kind,
                case i % 3 when 0 then 'cited by examiner' when 1 then 'cited by applicant' else 'cited by other' end
                    as citation_category
            from range({citations}) r(i)
        ) to '{folder}/g_us_patent_citation.tsv' {copy}""")


# Out-degree (US-patent references per grant) in 102 real grants of data/sample/uspto (2005-2021): mean 20.6,
# median 8, p90 31, p99 212, max 232, so mean / median ~ 2.6. A lognormal with that ratio has
# sigma = sqrt(2 ln 2.6) ~ 1.38; its median is then set so the mean is citations / patents.
OUT_DEGREE_SIGMA = 1.38
# Share of references that pick a uniformly random older patent; the rest copy the target of a random older
# reference, which is preferential attachment by in-degree (Price's model), as in bench/network.py.
UNIFORM_SHARE = 0.5
# Citation lag: a pick lands at a lag of (older span) * U**2 behind the citing patent, so half of the picks of a
# 2010 grant fall within ~8 of its 34 earlier years (real citations favour recent work; without the skew the
# first patents of the corpus collect ~250k citations each, far beyond any real patent).
AGE_SKEW = 2.0


def price_citations(patents: int, citations: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """(citing, cited) node numbers (int32, patent number pv_id(node), numbered in grant-date order), sorted
    by citing; exactly `citations` rows; every cited node is older than its citing node. Out-degree is
    lognormal (heavy right tail, calibrated above); in-degree comes out heavy-tailed from the copying.
    Vectorised: copies are resolved by pointer jumping over int32 edge indices, so 130M rows need ~4 GB."""
    rng = np.random.default_rng(seed)
    mean = citations / patents
    median = mean / np.exp(OUT_DEGREE_SIGMA ** 2 / 2)
    wanted = rng.lognormal(np.log(median), OUT_DEGREE_SIGMA, patents)
    wanted[0] = 0.0  # the oldest patent has nothing older to cite
    degree = np.floor(wanted * (citations / wanted.sum())).astype(np.int64)
    short = citations - int(degree.sum())  # flooring lost these: one more reference for random patents
    if short > 0:
        extra = rng.choice(np.arange(1, patents), size=short, replace=short > patents - 1)
        np.add.at(degree, extra, 1)
    del wanted
    citing = np.repeat(np.arange(patents, dtype=np.int32), degree)
    first_edge = np.concatenate(([0], np.cumsum(degree)[:-1]))  # first edge index of each citing node
    del degree
    limit = first_edge[citing].astype(np.int32)  # edges before this one all belong to strictly older patents
    del first_edge
    copy = rng.random(citations, dtype=np.float32) >= UNIFORM_SHARE
    copy &= limit > 0
    parent = np.arange(citations, dtype=np.int32)
    picks = np.flatnonzero(copy)
    # Recent work is cited more than old (the age skew): lag = older span * U**AGE_SKEW, for both kinds of pick.
    parent[picks] = limit[picks] - 1 - (rng.random(len(picks)) ** AGE_SKEW * limit[picks]).astype(np.int32)
    del picks, limit
    cited = citing - 1 - (rng.random(citations) ** AGE_SKEW * citing).astype(np.int32)
    np.maximum(cited, 0, out=cited)
    del copy
    while True:  # pointer jumping: each copying edge ends at the uniform edge its chain started from
        root = parent[parent]
        if np.array_equal(root, parent):
            break
        parent = root
    del root
    return citing, cited[parent]


def write_citations(con: Any, path: Path, citing: np.ndarray, cited: np.ndarray, patents: int) -> None:
    """g_us_patent_citation.tsv from node arrays; the sequence restarts at 0 for each citing patent."""
    import pyarrow as pa

    starts = np.flatnonzero(np.concatenate(([True], citing[1:] != citing[:-1])))
    sequence = (np.arange(len(citing), dtype=np.int32)
                - np.repeat(starts, np.diff(np.append(starts, len(citing)))).astype(np.int32))
    con.register("edges", pa.table({"citing": citing, "cited": cited, "seq": sequence}))
    con.execute(f"""
        copy (
            select pv_id(citing) as patent_id, seq::varchar as citation_sequence,
                pv_id(cited) as citation_patent_id,
                (date '1976-01-06' + (cited::bigint * 17000 // {patents})::int)::varchar as citation_date,
                'Smith' as record_name, 'B2' as wipo_kind,
                case (citing + seq) % 3 when 0 then 'cited by examiner' when 1 then 'cited by applicant'
                    else 'cited by other' end as citation_category
            from edges
        ) to '{path}' (format csv, delimiter '\t', header true, quote '"')""")
    con.unregister("edges")


def run_baseline(folder: Path, db: Path, memory_limit: str) -> dict[str, object]:
    import duckdb

    con = duckdb.connect(str(db))
    con.execute(f"set memory_limit = '{memory_limit}'")
    started = time.perf_counter()
    for table in TABLES:
        con.execute(
            f"create table {table} as select * from read_csv('{folder}/{table}.tsv', sep='\\t', header=true)"
        )
    con.execute("checkpoint")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": con.execute("select count(*) from g_us_patent_citation").fetchall()[0][0]}


def run_floor(folder: Path, db: Path, memory_limit: str, typed: bool = False) -> dict[str, object]:
    """The least any two-layer ingest does: each TSV copied as text to a zstd Parquet file (the raw layer), then
    that file into a native table (core), with no cleaning, keys, dedup or resolution. Its ratio to the baseline
    is what the raw layer alone costs before any transformation. typed: the columns keep the types read_csv
    detects, as the baseline's do (dates, sequences and counts typed; patent numbers stay text, as they are in
    real tables)."""
    import duckdb

    con = duckdb.connect(str(db))
    con.execute(f"set memory_limit = '{memory_limit}'")
    parquet = db.with_suffix(".parquet.d")
    parquet.mkdir(exist_ok=True)
    started = time.perf_counter()
    for table in TABLES:
        con.execute(f"copy (select * from read_csv('{folder}/{table}.tsv', sep='\\t', header=true, "
                    f"all_varchar={not typed})) to '{parquet}/{table}.parquet' (format parquet, compression zstd)")
    raw_seconds = time.perf_counter() - started
    for table in TABLES:
        con.execute(f"create table {table} as select * from read_parquet('{parquet}/{table}.parquet')")
    con.execute("checkpoint")
    seconds = time.perf_counter() - started
    shutil.rmtree(parquet, ignore_errors=True)
    return {"seconds": seconds, "raw_seconds": raw_seconds}


def run_ours(folder: Path, db: Path, memory_limit: str) -> dict[str, object]:
    import pipeline.sources.patentsview as pv
    import pipeline.warehouse.ingest as ingest
    from pipeline.warehouse.connection import open_warehouse

    timings: dict[str, float] = defaultdict(float)

    def timed(func: Any, label: str | None = None) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                name = label or (args[1] if len(args) > 1 else func.__name__)
                timings[str(name)] += time.perf_counter() - t0
        return wrapper

    import pipeline.warehouse.artifacts as artifacts

    ingest.run_sql = timed(ingest.run_sql)
    pv.run_sql = timed(pv.run_sql)
    ingest.hash_unit = timed(ingest.hash_unit, "hash_unit (sha256 of the bundle)")
    pv._frame_members = timed(pv._frame_members, "framing (line screen of every member, in threads)")
    pv.copy_rows = timed(pv.copy_rows)  # child rows COPY'd straight from the TSV to Parquet (by statement)
    pv.write_kept_rows = timed(pv.write_kept_rows, "parts into the artifact's tables")
    artifacts._copy_to_parquet = timed(artifacts._copy_to_parquet, "artifact: copy raw tables to Parquet")
    ingest.stage_unit = timed(ingest.stage_unit, "STAGE (read the file into its artifact)")
    ingest.merge_artifact = timed(ingest.merge_artifact, "MERGE (artifact into core, one transaction)")
    with open_warehouse(db) as con:
        con.execute(f"set memory_limit = '{memory_limit}'")
        started = time.perf_counter()
        report = ingest.ingest_paths(con, [folder])
        con.execute("checkpoint")
        seconds = time.perf_counter() - started
        files = [vars(f) for f in report.files]
        counts = {t: con.execute(f"select count(*) from core.{t}").fetchall()[0][0]
                  for t in ("patent", "patent_party", "classification", "citation")}
    top = sorted(timings.items(), key=lambda kv: -kv[1])[:16]
    return {"seconds": seconds, "files": files, "core_counts": counts, "top_statements": top}


def child(phase: str, folder: Path, db: Path, memory_limit: str, patents: int, citations: int) -> None:
    if phase == "generate":
        result: dict[str, object] = {"seconds": 0.0}
        started = time.perf_counter()
        generate(folder, patents, citations)
        result["seconds"] = time.perf_counter() - started
    elif phase == "baseline":
        result = run_baseline(folder, db, memory_limit)
    elif phase in ("floor", "floor_typed"):
        result = run_floor(folder, db, memory_limit, typed=phase == "floor_typed")
    else:
        result = run_ours(folder, db, memory_limit)
    # Linux reports ru_maxrss in KiB
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result, default=str))


def spawn(phase: str, folder: Path, db: Path, args: argparse.Namespace) -> dict[str, object]:
    command = [sys.executable, __file__, "--phase", phase, "--dir", str(folder), "--db", str(db),
               "--memory-limit", args.memory_limit, "--patents", str(args.patents), "--citations", str(args.citations)]
    out = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"{phase} failed:\n{out.stderr[-3000:]}")
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--citations", type=int, default=10_000_000)
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory_limit for both runs")
    parser.add_argument("--phase", choices=("generate", "baseline", "floor", "floor_typed", "ours"))
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--workdir", type=Path, help="keep the generated files here and reuse them next time")
    parser.add_argument("--repeat", type=int, default=1, help="baseline/ours pairs to run; the median is reported")
    parser.add_argument("--floor", action="store_true",
                        help="also time the two-layer floors (TSV to Parquet to a table, no transformation; as text "
                        "and in read_csv's detected types) each pair")
    args = parser.parse_args()
    if args.phase:
        child(args.phase, args.dir, args.db, args.memory_limit, args.patents, args.citations)
        return
    with tempfile.TemporaryDirectory(prefix="bench-patentsview-") as tmp:
        work = Path(tmp)
        folder = (args.workdir or work) / f"patentsview-{args.patents}-{args.citations}"
        if not (folder / "g_us_patent_citation.tsv").exists():
            folder.mkdir(parents=True, exist_ok=True)
            gen = spawn("generate", folder, work / "unused.duckdb", args)
            print(f"generated in {gen['seconds']:.1f}s")
        sizes = {p.name: p.stat().st_size for p in sorted(folder.glob("g_*.tsv"))}
        print(f"{args.patents:,} patents, {args.citations:,} citations: {sum(sizes.values()) / 1e6:.0f} MB of TSV")
        # baseline and ours alternate, each pair on fresh databases; the median pair ratio is reported, since one
        # pair on a shared machine can be off by a third either way
        pairs = []
        for attempt in range(args.repeat):
            for stale in work.glob("*.duckdb*"):
                stale.unlink()
            shutil.rmtree(work / "warehouse.artifacts", ignore_errors=True)
            base = spawn("baseline", folder, work / "baseline.duckdb", args)
            if args.floor:
                base["floor"] = spawn("floor", folder, work / "floor.duckdb", args)
                base["floor_typed"] = spawn("floor_typed", folder, work / "floor_typed.duckdb", args)
            ours = spawn("ours", folder, work / "warehouse.duckdb", args)
            pair_ratio = float(ours["seconds"]) / float(base["seconds"])  # type: ignore[arg-type]
            pairs.append((pair_ratio, base, ours))
            if args.repeat > 1:
                print(f"pair {attempt + 1}: baseline {base['seconds']:.1f}s, ours {ours['seconds']:.1f}s, "
                      f"ratio {pair_ratio:.2f}x")
    pairs.sort(key=lambda pair: pair[0])
    ratio, base, ours = pairs[len(pairs) // 2]
    if args.repeat > 1:
        print(f"median of {args.repeat} pairs:")
    print(f"baseline read_csv into plain tables: {base['seconds']:.1f}s, peak RSS {base['peak_rss_mb']:.0f} MB")
    if "floor" in base:
        floor: dict[str, Any] = base["floor"]  # type: ignore[assignment]
        floor_ratio = floor["seconds"] / float(base["seconds"])  # type: ignore[arg-type]
        print(f"floor, TSV to Parquet to a table:    {floor['seconds']:.1f}s ({floor_ratio:.2f}x; "
              f"TSV to Parquet alone {floor['raw_seconds']:.1f}s), no transformation")
        typed: dict[str, Any] = base["floor_typed"]  # type: ignore[assignment]
        print(f"the same floor in detected types:    {typed['seconds']:.1f}s "
              f"({typed['seconds'] / float(base['seconds']):.2f}x; "  # type: ignore[arg-type]
              f"TSV to Parquet alone {typed['raw_seconds']:.1f}s), the baseline's column types")
    print(f"patentnav ingest (raw + core):       {ours['seconds']:.1f}s, peak RSS {ours['peak_rss_mb']:.0f} MB")
    print(f"ratio ingest / baseline: {ratio:.2f}x (target <= 3.0x); peak RSS target <= 4096 MB")
    print(f"core counts: {ours['core_counts']}")
    for file in ours["files"]:  # type: ignore[attr-defined]
        print(f"file: {file['status']} read={file['records_read']} loaded={file['patents_loaded']} "
              f"quarantined={file['quarantined']} {file['message'] or ''}")
    print("phases (STAGE/MERGE, upper case) and the slowest statements of the ingest (seconds):")
    for name, seconds in ours["top_statements"]:  # type: ignore[attr-defined]
        print(f"  {seconds:8.2f}  {name}")
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"max RSS of any child (RUSAGE_CHILDREN): {children_rss:.0f} MB")


if __name__ == "__main__":
    main()
