"""PatentsView bulk tables, 2023+ `g_*` layout, loaded by DuckDB's CSV reader with SQL (no Python row loops).

A bundle is a folder holding g_patent.* plus any of g_application, g_patent_abstract, g_assignee_disambiguated,
g_inventor_disambiguated, g_location_disambiguated, g_cpc_current, g_ipc_at_issue, g_us_patent_citation, each
a plain .tsv or a .tsv.zip as distributed (a zip member is streamed to a temporary file beside the warehouse
through pipeline.sources.safe_zip, because DuckDB cannot read inside zips). Missing members are simply absent.

Identity: PatentsView patent_id '10000000' / 'D0900000' becomes 'US' + number without leading zeros + kind,
exactly as USPTO XML gives it (US10000000B2), so both sources meet in core. The kind is derived from the
number prefix and the grant date; wipo_kind is used only where it fits (B1/B2 etc. exist from 2001 on). A
kept row whose wipo_kind had to be overridden, or whose date was unparseable (grant_date left empty), is
recorded in core.quarantine with action 'repaired'. Every member is framed line by line first
(pipeline/sources/framing.py), so an unclosed quote, a stray tab, a NUL or a split line costs only its own line
and the g_patent line count is the file's framed record count. Rejected (action 'rejected', not loaded):
ragged or badly quoted lines (framing or DuckDB reject tables, locator 'g_x.tsv line N'), g_patent rows without
a usable number,
repeated g_patent numbers (first kept), and child rows naming no kept patent, no name or no symbol.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import duckdb

from pipeline.db import table_exists
from pipeline.errors import IngestError
from pipeline.normalize import normalize_name
from pipeline.sources import safe_zip
from pipeline.sources.base import PARQUET_OPTIONS, IngestUnit, RecordSink, excerpt, further_part_path
from pipeline.sources.framing import BadLine, LineFraming, frame_lines
from pipeline.sql import quote_literal, read_sql, run_sql

# Columns each member must have (the statements in sql/staging/patentsview_*.sql read them by name).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "g_patent": ("patent_id", "patent_type", "patent_date", "patent_title", "wipo_kind", "num_claims", "withdrawn"),
    "g_application": ("patent_id", "application_id", "filing_date"),
    "g_patent_abstract": ("patent_id", "patent_abstract"),
    "g_location_disambiguated": ("location_id", "disambig_city", "disambig_state", "disambig_country"),
    "g_assignee_disambiguated": (
        "patent_id", "assignee_sequence", "disambig_assignee_individual_name_first",
        "disambig_assignee_individual_name_last", "disambig_assignee_organization", "location_id",
    ),
    "g_inventor_disambiguated": (
        "patent_id", "inventor_sequence", "disambig_inventor_name_first", "disambig_inventor_name_last",
        "location_id",
    ),
    "g_cpc_current": ("patent_id", "cpc_sequence", "cpc_subclass", "cpc_group", "cpc_type"),
    "g_ipc_at_issue": (
        "patent_id", "ipc_sequence", "section", "ipc_class", "subclass", "main_group", "subgroup", "symbol_position",
    ),
    "g_us_patent_citation": (
        "patent_id", "citation_sequence", "citation_patent_id", "citation_date", "citation_category",
    ),
}
# Lookup tables that the patent and party statements join; an empty one stands in when a member is absent.
LOOKUP_TABLES = {
    "g_application": "application", "g_patent_abstract": "abstract", "g_location_disambiguated": "location",
}
MACROS = ("clean", "us_number", "date", "kind", "name_norm", "cpc_symbol")
PY_NAME_FUNCTION = "pv_py_normalize_name"


def table_name(path: Path) -> str:
    """'g_patent.tsv.zip' -> 'g_patent'."""
    return path.name.split(".", 1)[0]


def read_header(path: Path) -> list[str]:
    if safe_zip.is_zip(path):
        head = safe_zip.read_member_head(path)
    else:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    first_line = head.decode("utf-8-sig", errors="replace").splitlines()[0] if head else ""
    return [name.strip().strip('"') for name in first_line.split("\t")]


class PatentsViewAdapter:
    format = "patentsview_g_tsv"
    source = "patentsview"

    def sniff(self, unit: IngestUnit) -> bool:
        patent_members = [m for m in unit.members if table_name(m) == "g_patent"]
        if not patent_members:
            return False
        if safe_zip.is_zip(patent_members[0]):
            try:
                safe_zip.check_archive(patent_members[0])
            except IngestError:
                return True  # claimed by name so that read() refuses it with the archive's own reason
        header = read_header(patent_members[0])
        return {"patent_id", "patent_date", "patent_title"} <= set(header)

    def read(self, unit: IngestUnit, sink: RecordSink) -> None:
        members = {table_name(m): m for m in unit.members if table_name(m) in REQUIRED_COLUMNS}
        with _work_dir(sink.con) as work:
            paths = {name: _plain_path(path, work) for name, path in members.items()}
            for name, path in paths.items():
                _check_columns(unit.path, members[name], path, REQUIRED_COLUMNS[name])
            framings = _frame_members(paths, work)
            names = {name: members[name].name for name in paths}
            for name, framing in framings.items():
                paths[name] = framing.path
                _quarantine_lines(sink, names[name], framing.bad, is_record=name == "g_patent")
            sink.framed += framings["g_patent"].framed
            for name in LOOKUP_TABLES:
                if name not in paths:
                    paths[name] = _empty_table(work, name)
                    names[name] = paths[name].name
            with _name_function(sink.con), _lookups_as_build_side(sink.con):
                for macro in MACROS:
                    run_sql(sink.con, f"staging/patentsview_macro_{macro}")
                load_bundle(sink, paths, names, work)


def _frame_members(paths: dict[str, Path], work: Path) -> dict[str, LineFraming]:
    """Frame every member, several at a time: the screen is numpy over large blocks, which runs outside the GIL,
    and DuckDB has nothing to do until the framing is done."""
    def frame(item: tuple[str, Path]) -> tuple[str, LineFraming]:
        name, path = item
        return name, frame_lines(path, work / f"{name}.framed.tsv", read_header(path))

    # the largest members first, so the longest one does not start last
    ordered = sorted(paths.items(), key=lambda item: -item[1].stat().st_size)
    with ThreadPoolExecutor(max_workers=max(1, min(len(ordered), os.cpu_count() or 1))) as pool:
        framed = dict(pool.map(frame, ordered))
    return {name: framed[name] for name in paths}  # the members' own order, so quarantine rows come in it too


def _quarantine_lines(sink: RecordSink, member: str, bad: list[BadLine], *, is_record: bool) -> None:
    """Lines the framing set aside. Only g_patent lines are records; a bad child line costs one party,
    symbol or citation of a patent that still loads."""
    for line in bad:
        if is_record:
            sink.records_read += 1
            sink.quarantine(f"{member} line {line.line_no}", f"malformed row: {line.reason}", line.raw)
        else:
            sink.con.execute(
                "insert into core.quarantine values ($f, $n, $loc, $reason, 'rejected', $raw)",
                {"f": sink.file_id, "n": sink.file_name, "loc": f"{member} line {line.line_no}",
                 "reason": f"malformed row: {line.reason}", "raw": excerpt(line.raw)},
            )
            sink.quarantined += 1


def load_bundle(sink: RecordSink, paths: dict[str, Path], member_names: dict[str, str], work: Path) -> None:
    """Run the staging statements in order and keep the sink's counters true."""
    con = sink.con
    base = {"file_id": sink.file_id, "file_name": sink.file_name, "is_synthetic": sink.is_synthetic}

    def run(name: str, table: str, **extra: object) -> int:
        # Columns from the header, not sniffed: one bad line must cost only its row (DuckDB's sniffer gives up
        # on the whole file for a stray quote or a 10 MB line); every column is read as text.
        columns = {column: "VARCHAR" for column in read_header(paths[table])}
        params = {**base, "path": str(paths[table]), "member": member_names[table], "columns": columns, **extra}
        rows = run_sql(con, f"staging/patentsview_{name}", params).fetchall()
        return int(rows[0][0]) if rows and isinstance(rows[0][0], int) else 0

    def rejected_lines(table: str) -> int:
        count = 0
        if table_exists(con, "main.pv_reject_errors"):  # DuckDB lists temp tables under schema main
            count = run("quarantine_rejects", table)
            con.execute("drop table if exists pv_reject_errors")
            con.execute("drop table if exists pv_reject_scans")
        return count

    run("stage_patent", "g_patent")
    bad_lines = rejected_lines("g_patent")
    for table, short in LOOKUP_TABLES.items():
        run(f"stage_{short}", table)
        sink.quarantined += rejected_lines(table)
    parsed, unnumbered, repeated = con.execute(
        "select count(*), count(*) filter (number is null), count(*) filter (number is not null and occurrence > 1) "
        "from pv_patent"
    ).fetchall()[0]
    sink.records_read += parsed + bad_lines
    loaded = run("insert_patent", "g_patent")
    sink.patents_loaded += loaded
    sink.rows_loaded += loaded
    sink.quarantined += bad_lines + run("quarantine_patent", "g_patent")
    sink.rejected += bad_lines + unnumbered
    sink.merged_duplicates += repeated
    run("quarantine_patent_repaired", "g_patent")
    run("stage_kept_patent", "g_patent")

    children: tuple[tuple[str, str, str, dict[str, str]], ...] = (
        ("g_assignee_disambiguated", "assignee", "party", {"role": "assignee"}),
        ("g_inventor_disambiguated", "inventor", "party", {"role": "inventor"}),
        ("g_cpc_current", "cpc", "classification", {"scheme": "CPC"}),
        ("g_ipc_at_issue", "ipc", "classification", {"scheme": "IPC"}),
        ("g_us_patent_citation", "citation", "citation", {}),
    )
    # Child rows go straight from the TSV to a Parquet part (no in-memory raw table): rows naming no kept patent,
    # no name or no symbol are marked there, quarantined from the part and left out when the parts become the
    # artifact's table.
    parts: dict[str, list[tuple[Path, int]]] = {}
    # Child rows carry their own order (sequence) and nothing below numbers them by position, so DuckDB may write
    # them in whatever order its threads finish (g_patent's record_no above needed file order).
    con.execute("set preserve_insertion_order = false")
    for table, rows, target, extra in children:
        if table not in paths:
            continue
        part = (sink.parquet_dir or work) / f"{target}.{rows}.part.parquet"
        inserted = copy_rows(con, f"staging/patentsview_rows_{rows}", part,
                             {**base, "path": str(paths[table]), "columns": _varchar_columns(paths[table])})
        rejected = rejected_lines(table)
        # the rows of the part that were marked: the quarantine statement inserts exactly those
        marked = run(f"quarantine_{target}", table, part=str(part), **extra)
        parts.setdefault(target, []).append((part, marked))
        sink.rows_loaded += inserted - marked
        sink.quarantined += rejected + marked
    for target, staged in parts.items():
        write_kept_rows(sink, RAW_TABLE[target], target, staged)
    con.execute("reset preserve_insertion_order")
    for temp in ("pv_patent", "pv_kept_patent", *(f"pv_{short}" for short in LOOKUP_TABLES.values())):
        con.execute(f"drop table if exists {temp}")


RAW_TABLE = {"party": "patent_party", "classification": "classification", "citation": "citation"}


def _varchar_columns(path: Path) -> dict[str, str]:
    return {column: "VARCHAR" for column in read_header(path)}


def copy_rows(con: duckdb.DuckDBPyConnection, name: str, target: Path, params: dict[str, object]) -> int:
    """COPY the rows of a select statement in sql/ straight into a Parquet file; returns how many."""
    text = read_sql(name)
    used = {key: value for key, value in params.items() if f"${key}" in text}
    # the statement is one of our files and the target a path we built; COPY takes no parameter for its target
    rows = con.execute(f"copy ({text}) to {quote_literal(str(target))} (format parquet, {PARQUET_OPTIONS})",
                       used).fetchall()
    return int(rows[0][0]) if rows else 0


def write_kept_rows(sink: RecordSink, table: str, target: str, staged: list[tuple[Path, int]]) -> None:
    """The parts' kept rows as the raw table: in the artifact when staging, else inserted into raw.<table>.
    Parts with no quarantined row, whose columns are the raw table's in its types, are moved into the artifact
    as they are (<table>.parquet, <table>.part-2.parquet, …): re-encoding the 5.3M party rows of a 1M-patent
    bundle into one file cost 2-3 s. Otherwise the kept rows are written to one file."""
    con = sink.con
    part_paths = [str(path) for path, _ in staged]
    if sink.parquet_dir is None:
        con.execute(f"insert into raw.{table} by name {read_sql(f'staging/patentsview_kept_{target}')}",
                    {"parts": part_paths})
        return
    raw_columns = set(con.execute(f"select column_name, column_type from (describe raw.{table})").fetchall())
    clean = all(marked == 0 and set(con.execute(
        "select column_name, column_type from (describe select * from read_parquet($p))", {"p": str(path)}
    ).fetchall()) <= raw_columns for path, marked in staged)
    in_memory = con.execute(f"select count(*) from raw.{table}").fetchall()[0][0]
    if clean and not in_memory:
        shutil.move(staged[0][0], sink.parquet_dir / f"{table}.parquet")
        for number, (path, _) in enumerate(staged[1:], start=2):
            shutil.move(path, further_part_path(sink.parquet_dir, table, number))
        return
    # every column of the raw table, in its types (the in-memory table is empty for these, or holds its rows)
    kept = read_sql(f"staging/patentsview_kept_{target}")
    final = sink.parquet_dir / f"{table}.parquet"
    con.execute(f"copy (select * from raw.{table} union all by name ({kept})) to {quote_literal(str(final))} "
                f"(format parquet, {PARQUET_OPTIONS})", {"parts": part_paths})
    for path, _ in staged:
        path.unlink(missing_ok=True)


def _check_columns(unit_path: Path, member: Path, path: Path, required: tuple[str, ...]) -> None:
    missing = [column for column in required if column not in read_header(path)]
    if missing:
        raise IngestError(unit_path, f"{member.name}: missing column(s) {', '.join(missing)}")


def _plain_path(path: Path, work: Path) -> Path:
    return safe_zip.extract_member(path, work) if safe_zip.is_zip(path) else path


def _empty_table(work: Path, name: str) -> Path:
    target = work / f"{name}.empty.tsv"
    target.write_text("\t".join(REQUIRED_COLUMNS[name]) + "\n", encoding="utf-8")
    return target


@contextmanager
def _work_dir(con: duckdb.DuckDBPyConnection) -> Iterator[Path]:
    """A temporary folder beside the warehouse file (same disk as the data), else the system temp dir."""
    rows = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    parent = Path(rows[0][0]).parent if rows and rows[0][0] else None
    with tempfile.TemporaryDirectory(prefix="patentsview-", dir=parent) as name:
        yield Path(name)


@contextmanager
def _lookups_as_build_side(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Keep each join as the staging SQL writes it: the member file on the probe side, the small lookup table
    (kept patents, locations, names) on the build side. A read_csv with auto_detect off gives DuckDB no row
    estimate (it assumes 42), so its build-side rule would hash the whole file instead. The 10M-row citation
    member of the 1M bench bundle took 8.8 s with the rule and 6.6 s without (an A/B run of that bundle); staging
    the 8M / 130M bundle of bench/whole_us.py went from 733 s to 210 s with this push."""
    previous = str(con.execute("select current_setting('disabled_optimizers')").fetchall()[0][0] or "")
    disabled = ",".join(filter(None, (previous, "build_side_probe_side")))
    con.execute(f"set disabled_optimizers = {quote_literal(disabled)}")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction: the private connection is closed next
            con.execute(f"set disabled_optimizers = {quote_literal(previous)}")


@contextmanager
def _name_function(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Expose normalize_name to SQL for the few non-ASCII names, so party keys match the other sources."""
    _drop_name_function(con)  # left behind if an earlier read failed inside an aborted transaction
    con.create_function(PY_NAME_FUNCTION, normalize_name, ["VARCHAR"], "VARCHAR", side_effects=False)
    try:
        yield
    finally:
        _drop_name_function(con)


def _drop_name_function(con: duckdb.DuckDBPyConnection) -> None:
    # not registered, or the transaction is aborted: then the next read removes it
    with contextlib.suppress(duckdb.InvalidInputException, duckdb.TransactionException):
        con.remove_function(PY_NAME_FUNCTION)


ADAPTER = PatentsViewAdapter()
