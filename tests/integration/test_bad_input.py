"""The bad-input corpus end to end, one test per case. Each test checks four things:

1. the error or quarantine text names the file and the record (core.quarantine file_name + record_locator, or the
   file-level message for a file that cannot be read at all);
2. the core.quarantine row and its reason;
3. the count of good records loaded, computed independently of the adapters (regexes / the csv module on the
   bytes the test wrote);
4. nothing was evaluated (no entity expanded, no file or URL fetched) and, for the big cases, memory stayed bounded.

Bases in tests/data/bad/ are small real slices (see tests/data/PROVENANCE.md); every bad variant is made here in
tmp_path from them.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psutil
import pytest

from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import IngestReport, ingest_paths

pytestmark = pytest.mark.integration

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
USPTO = BAD / "uspto_ipg080101_3docs.xml"
LENS = BAD / "lens_v2025_6rows.csv"
G_PATENT = BAD / "g_patent_10rows.tsv"
INCOPAT = BAD / "incopat_henan_7rows.csv"
MB = 1024 * 1024
PASSWD_MARKER = "root:x:0:0"


# --- helpers --------------------------------------------------------------------------------------------


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_warehouse(tmp_path / "warehouse.duckdb") as connection:
        yield connection


def quarantine(con: duckdb.DuckDBPyConnection, *, action: str | None = None) -> list[tuple[str, str, str, str]]:
    rows = con.execute(
        "select file_name, record_locator, reason, action from core.quarantine "
        "where $action is null or action = $action order by all",
        {"action": action},
    ).fetchall()
    return [tuple(r) for r in rows]


def rejected(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str]]:
    return quarantine(con, action="rejected")


def patent_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select patent_id from core.patent order by 1").fetchall()]


def number_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select number_key from core.patent order by 1").fetchall()]


def warehouse_text_contains(con: duckdb.DuckDBPyConnection, needle: str) -> list[str]:
    """Every raw/core text column holding needle (empty when the warehouse never saw it)."""
    found = []
    columns = con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() "
        "where schema_name in ('raw', 'core') and data_type = 'VARCHAR'"
    ).fetchall()
    for schema, table, column in columns:
        hits = con.execute(
            f'select count(*) from "{schema}"."{table}" where contains("{column}", $n)', {"n": needle}
        ).fetchone()
        if hits and hits[0]:
            found.append(f"{schema}.{table}.{column}")
    return found


@contextmanager
def peak_rss() -> Iterator[dict[str, int]]:
    """Sample this process's RSS every 5 ms; yields a dict whose 'delta' is the peak growth in bytes."""
    process = psutil.Process()
    start = process.memory_info().rss
    result = {"delta": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            result["delta"] = max(result["delta"], process.memory_info().rss - start)
            time.sleep(0.005)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()
        result["delta"] = max(result["delta"], process.memory_info().rss - start)


def ingest(con: duckdb.DuckDBPyConnection, *paths: Path) -> IngestReport:
    return ingest_paths(con, list(paths))


# USPTO: split the real 3-document slice at its <?xml declarations (independently of the adapter's splitter)


def uspto_docs() -> list[bytes]:
    return re.split(rb"(?=<\?xml )", USPTO.read_bytes())[1:]


def uspto_id(doc: bytes) -> str:
    """'US' + doc-number without leading zeros + kind, read with a regex from the publication-reference."""
    pub = re.search(rb"<publication-reference>.*?</publication-reference>", doc, re.S)
    assert pub is not None
    number = re.search(rb"<doc-number>(.*?)</doc-number>", pub.group(0)).group(1).decode()  # type: ignore[union-attr]
    kind = re.search(rb"<kind>(.*?)</kind>", pub.group(0)).group(1).decode()  # type: ignore[union-attr]
    return "US" + re.sub(r"^([A-Z]*)0*", r"\1", number) + kind


def first_line_of(docs: list[bytes], index: int) -> int:
    return sum(d.count(b"\n") for d in docs[:index]) + 1


def write_uspto(path: Path, docs: list[bytes]) -> Path:
    path.write_bytes(b"".join(docs))
    return path


# CSV/TSV: rows parsed with the csv module from the committed bases


def lens_rows() -> list[list[str]]:
    with open(LENS, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def lens_id(row: list[str], header: list[str]) -> str:
    return row[header.index("Display Key")].replace(" ", "").replace("/", "")


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = True) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def g_patent_lines() -> list[str]:
    return G_PATENT.read_text(encoding="utf-8").splitlines(keepends=True)


def pv_key(line: str) -> str:
    """number_key of a g_patent line: 'US' + patent_id without leading zeros (the kind is derived, not given)."""
    return "US" + line.split("\t")[0].lstrip("0")


# --- XML ------------------------------------------------------------------------------------------------


def test_truncated_xml_document_at_the_end_of_a_weekly_file(con, tmp_path):
    docs = uspto_docs()
    cut = [*docs[:2], docs[2][: len(docs[2]) // 2]]  # the download stopped half-way through document 3
    path = write_uspto(tmp_path / "ipg080101_truncated.xml", cut)

    report = ingest(con, path)

    assert report.files[0].status == "loaded"
    [(file_name, locator, reason, action)] = quarantine(con)
    assert (file_name, locator, action) == (path.name, f"doc 3 (line {first_line_of(cut, 2)})", "rejected")
    assert reason.startswith("malformed XML:") and "Premature end of data" in reason
    assert patent_ids(con) == sorted(uspto_id(d) for d in docs[:2])
    assert report.files[0].patents_loaded == 2 and report.files[0].quarantined == 1


def test_malformed_xml_in_the_middle_of_a_weekly_file(con, tmp_path):
    docs = uspto_docs()
    broken = docs[1].replace(b"</invention-title>", b"</invention-titel>", 1)
    assert broken != docs[1]
    path = write_uspto(tmp_path / "ipg080101_broken.xml", [docs[0], broken, docs[2]])

    report = ingest(con, path)

    [(file_name, locator, reason, action)] = quarantine(con)
    assert (file_name, locator, action) == (path.name, f"doc 2 (line {first_line_of(docs, 1)})", "rejected")
    assert reason.startswith("malformed XML:") and "mismatch" in reason and "invention-titel" in reason
    assert patent_ids(con) == sorted([uspto_id(docs[0]), uspto_id(docs[2])])
    assert report.files[0].records_read == 3


def billion_laughs(doc: bytes) -> bytes:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    hostile = doc.replace(b"[ ]>", b"[ " + entities + b" ]>", 1).replace(
        b"</invention-title>", b" &lol9;</invention-title>", 1
    )
    assert hostile.count(b"&lol9;") == 1
    return hostile


def test_billion_laughs_document_is_set_aside_without_expanding(con, tmp_path):
    docs = uspto_docs()
    path = write_uspto(tmp_path / "ipg080101_lol.xml", [docs[0], billion_laughs(docs[1]), docs[2]])

    with peak_rss() as memory:
        report = ingest(con, path)

    [(file_name, locator, reason, action)] = quarantine(con)
    assert (file_name, locator, action) == (path.name, f"doc 2 (line {first_line_of(docs, 1)})", "rejected")
    assert "entit" in reason.lower()  # libxml2: "Maximum entity amplification factor exceeded"
    assert patent_ids(con) == sorted([uspto_id(docs[0]), uspto_id(docs[2])])
    assert report.files[0].patents_loaded == 2
    assert warehouse_text_contains(con, "lollollol") == []
    assert memory["delta"] < 150 * MB  # 10^9 'lol's would be 3 GB


class Listener:
    """A local TCP server that records any connection: proof that the parser fetched nothing."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            client.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


def test_external_entities_are_never_fetched_and_the_document_is_flagged(con, tmp_path):
    docs = uspto_docs()
    listener = Listener()
    try:
        subset = (
            '[ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY discard SYSTEM "http://127.0.0.1:9/">'
            f' <!ENTITY net SYSTEM "http://127.0.0.1:{listener.port}/entity">'
            f' <!ENTITY % remote SYSTEM "http://127.0.0.1:{listener.port}/remote.dtd"> %remote; ]>'
        ).encode()
        hostile = docs[1].replace(b"[ ]>", subset, 1)
        hostile = hostile.replace(b"</invention-title>", b" &xxe; &discard; &net;</invention-title>", 1)
        path = write_uspto(tmp_path / "ipg080101_xxe.xml", [docs[0], hostile, docs[2]])

        report = ingest(con, path)
    finally:
        listener.close()

    assert listener.connections == 0
    assert warehouse_text_contains(con, PASSWD_MARKER) == []
    rows = quarantine(con)
    assert [(f, loc) for f, loc, _, _ in rows] == [(path.name, f"doc 2 (line {first_line_of(docs, 1)})")]
    assert "entit" in rows[0][2].lower() and "file:///etc/passwd" in rows[0][2]
    assert rows[0][3] == "repaired"  # loaded with the references kept as text, never resolved
    assert patent_ids(con) == sorted(uspto_id(d) for d in docs)
    assert report.files[0].patents_loaded == 3
    title = con.execute("select title from core.patent where patent_id = $p", {"p": uspto_id(docs[1])}).fetchone()
    assert title is not None and title[0].endswith("&xxe; &discard; &net;")


def test_a_ten_megabyte_xml_text_node_is_refused_with_bounded_memory(con, tmp_path):
    docs = uspto_docs()
    huge = docs[1].replace(b"</invention-title>", b" " + b"x" * (10 * MB) + b"</invention-title>", 1)
    path = write_uspto(tmp_path / "ipg080101_huge.xml", [docs[0], huge, docs[2]])

    with peak_rss() as memory:
        report = ingest(con, path)

    [(file_name, locator, reason, action)] = quarantine(con)
    assert (file_name, locator, action) == (path.name, f"doc 2 (line {first_line_of(docs, 1)})", "rejected")
    assert "Text node too long" in reason
    assert patent_ids(con) == sorted([uspto_id(docs[0]), uspto_id(docs[2])])
    assert report.files[0].patents_loaded == 2
    excerpt = con.execute("select length(raw_excerpt) from core.quarantine").fetchone()
    assert excerpt is not None and excerpt[0] <= 501
    assert memory["delta"] < 200 * MB


def test_impossible_dates_in_uspto_xml_are_left_empty_with_a_repair_note(con, tmp_path):
    docs = uspto_docs()
    bad = {0: b"20231345", 1: b"10660101", 2: b"29990101"}
    changed = [
        re.sub(
            rb"(<publication-reference>.*?<date>)\d{8}(</date>)",
            lambda m, v=value: m.group(1) + v + m.group(2),  # type: ignore[misc]
            doc,
            count=1,
            flags=re.S,
        )
        for doc, value in zip(docs, bad.values(), strict=True)
    ]
    path = write_uspto(tmp_path / "ipg080101_dates.xml", changed)

    report = ingest(con, path)

    assert report.files[0].patents_loaded == 3  # a bad date never costs the record
    dates = con.execute("select publication_date, grant_date from core.patent").fetchall()
    assert dates == [(None, None)] * 3
    repaired = quarantine(con, action="repaired")
    assert [(f, loc) for f, loc, _, _ in repaired] == [
        (path.name, f"doc {i + 1} (line {first_line_of(changed, i)})") for i in range(3)
    ]
    for (_, _, reason, _), value in zip(repaired, bad.values(), strict=True):
        assert value.decode() in reason and "date" in reason


# --- file-level failures ----------------------------------------------------------------------------------


def test_empty_file_is_a_clear_file_level_error_and_the_other_files_load(con, tmp_path):
    (tmp_path / "in").mkdir()
    empty = tmp_path / "in" / "ipg080108.xml"
    empty.write_bytes(b"")
    good = write_uspto(tmp_path / "in" / "ipg080101.xml", uspto_docs())

    report = ingest(con, tmp_path / "in")

    by_name = {Path(r.path).name: r for r in report.files}
    assert (by_name[empty.name].status, by_name[empty.name].message) == ("failed", "file is empty")
    assert by_name[good.name].status == "loaded"
    manifest = con.execute("select file_name, status, message from core.ingest_file where status = 'failed'").fetchall()
    assert manifest == [(empty.name, "failed", "file is empty")]
    assert patent_ids(con) == sorted(uspto_id(d) for d in uspto_docs())
    assert quarantine(con) == []


def test_binary_garbage_named_tsv_is_refused_by_name_and_reason(con, tmp_path):
    garbage = tmp_path / "g_patent_2024.tsv"
    garbage.write_bytes(bytes(range(256)) * 64 + os.urandom(4096))

    report = ingest(con, garbage)

    assert report.files[0].status == "failed"
    assert report.files[0].path.endswith(garbage.name)
    assert (report.files[0].message or "").startswith("format not recognised")
    assert con.execute("select count(*) from raw.patent").fetchone() == (0,)
    assert con.execute("select file_name, status from core.ingest_file").fetchall() == [(garbage.name, "failed")]


def test_binary_garbage_as_a_patentsview_member_fails_the_bundle_clearly(con, tmp_path):
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_bytes(b"\x00\xff\xfe" + os.urandom(8192))

    report = ingest(con, bundle)

    assert report.files[0].status == "failed"
    assert "format not recognised" in (report.files[0].message or "")
    assert patent_ids(con) == []


def test_cli_names_the_unreadable_file_in_one_line_and_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    write_uspto(tmp_path / "in" / "ipg080101.xml", uspto_docs())
    (tmp_path / "in" / "broken.tsv").write_bytes(b"\x00\x01garbage")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("patentnav")), "ingest", str(tmp_path / "in")],
        env={**os.environ, "PATENTNAV_WAREHOUSE": str(tmp_path / "w.duckdb")},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [error] = [line for line in result.stderr.splitlines() if "broken.tsv" in line]
    assert error.startswith("error ") and "format not recognised" in error
    assert any("ipg080101.xml" in line and "3 patents" in line for line in result.stderr.splitlines())


# --- CSV / TSV rows ---------------------------------------------------------------------------------------


def test_ragged_and_misquoted_lens_rows_are_set_aside_and_the_rest_load(con, tmp_path):
    rows = lens_rows()
    header = rows[0]
    ragged = rows[2][:-1]  # one field short
    path = tmp_path / "lens_bad.csv"
    write_csv(path, [header, rows[1], ragged, rows[3]])
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    # an unterminated quote: the title opens a quoted field that the row never closes
    title = rows[4][header.index("Title")]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows[4:])
    misquoted, *after = buffer.getvalue().splitlines(keepends=True)
    misquoted = misquoted.replace(title, '"' + title.replace('"', ""), 1)
    path.write_text("\ufeff" + "".join([*lines, misquoted, *after]), encoding="utf-8")

    report = ingest(con, path)

    assert report.files[0].status == "loaded"
    assert rejected(con) == [
        (path.name, "row 2", f"{len(header) - 1} fields, header has {len(header)}", "rejected"),
        (path.name, "row 4", rejected(con)[1][2], "rejected"),
    ]
    good = [rows[1], rows[3], *rows[5:]]  # every row after the bad quote must still load
    assert patent_ids(con) == sorted(lens_id(r, header) for r in good)
    assert report.files[0].patents_loaded == len(good) == 4


def test_ragged_and_misquoted_patentsview_rows_are_set_aside_and_the_rest_load(con, tmp_path):
    lines = g_patent_lines()
    fields = lines[7].split("\t")
    first, rest = fields[3].split(" ", 1)
    fields[3] = f'"{first}" {rest}'  # a title that starts with a quoted word: the quote ends mid-field
    bad = {
        4: lines[3].rstrip("\n") + "\textra\tcolumns\n",  # too many fields
        6: "\t".join(lines[5].split("\t")[:3]) + "\n",  # too few
        8: "\t".join(fields),
    }
    bundle = tmp_path / "pv"
    bundle.mkdir()
    text = "".join(bad.get(number, line) for number, line in enumerate(lines, start=1))
    (bundle / "g_patent.tsv").write_text(text, encoding="utf-8")

    report = ingest(con, bundle)

    assert report.files[0].status == "loaded", (report.files[0].message or "")[:300]
    assert [(f, loc) for f, loc, _, _ in rejected(con)] == [("pv", f"g_patent.tsv line {n}") for n in sorted(bad)]
    assert all(reason.startswith("malformed row:") for _, _, reason, _ in rejected(con))
    good = [line for number, line in enumerate(lines, start=1) if number > 1 and number not in bad]
    assert number_keys(con) == sorted(pv_key(line) for line in good)
    assert report.files[0].patents_loaded == len(good) == 7


def gbk_incopat(tmp_path: Path, damage: dict[int, Callable[[bytes], bytes]]) -> tuple[Path, list[bytes]]:
    lines = [line.encode("gbk") for line in INCOPAT.read_text(encoding="utf-8").splitlines(keepends=True)]
    damaged = [damage[i](line) if i in damage else line for i, line in enumerate(lines)]
    path = tmp_path / "incopat_export_gbk.csv"
    path.write_bytes(b"".join(damaged))
    return path, lines


def test_gbk_export_with_a_few_invalid_bytes_loses_only_the_damaged_records(con, tmp_path):
    damage = {
        3: lambda line: line[:40] + b"\xff\x80" + line[40:],  # bytes that are no GBK/GB18030 character
        5: lambda line: line.replace("一种".encode("gbk"), b"\x81\x20", 1),  # a lead byte with a bad trail byte
    }
    path, lines = gbk_incopat(tmp_path, damage)
    header = next(csv.reader([lines[0].decode("gbk")]))
    assert len(header) == 61  # the real incoPat layout

    report = ingest(con, path)

    assert report.files[0].status == "loaded"
    assert [(f, loc, a) for f, loc, _, a in rejected(con)] == [
        (path.name, "row 3 (line 4)", "rejected"),
        (path.name, "row 5 (line 6)", "rejected"),
    ]
    assert all("invalid GBK/UTF-8 bytes" in reason for _, _, reason, _ in rejected(con))
    good = [next(csv.reader([line.decode("gbk")])) for i, line in enumerate(lines) if i and i not in damage]
    assert patent_ids(con) == sorted(row[header.index("公开号")] for row in good)
    assert report.files[0].patents_loaded == len(good) == 5
    titles = [r[0] for r in con.execute("select title from core.patent").fetchall()]
    assert all("\ufffd" not in t for t in titles)  # nothing half-decoded got in


# --- archives ---------------------------------------------------------------------------------------------


def test_zip_member_climbing_out_with_dotdot_refuses_the_archive_and_writes_nothing(con, tmp_path):
    bundle = tmp_path / "inbox" / "pv"
    bundle.mkdir(parents=True)
    with zipfile.ZipFile(bundle / "g_patent.tsv.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../g_patent.tsv", G_PATENT.read_bytes())
    before = {p for p in tmp_path.rglob("*")}

    report = ingest(con, bundle)

    assert report.files[0].status == "failed"
    assert (
        report.files[0].message == "unsafe zip member '../../g_patent.tsv': path climbs out with '..'; archive refused"
    )
    assert patent_ids(con) == []
    assert not list(tmp_path.rglob("g_patent.tsv"))
    created = {p for p in tmp_path.rglob("*")} - before
    # only the warehouse and its artifact store (where the refusal is recorded, with no Parquet) are written
    assert all(p.name.startswith("warehouse.duckdb") or p.relative_to(tmp_path).parts[0] == "warehouse.artifacts"
               for p in created)
    assert not [p for p in created if p.suffix == ".parquet" and "_shape-" not in str(p)]


def test_zip_bomb_is_refused_before_it_expands(con, tmp_path):
    bundle = tmp_path / "pv"
    bundle.mkdir()
    archive_path = bundle / "g_patent.tsv.zip"
    with (
        zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("g_patent.tsv", "w") as member,
    ):
        member.write(G_PATENT.read_bytes())
        block = b"\t" * MB
        for _ in range(300):  # 300 MB of tabs in ~300 KB
            member.write(block)
    assert (bundle / "g_patent.tsv.zip").stat().st_size < 2 * MB

    with peak_rss() as memory:
        report = ingest(con, bundle)

    assert report.files[0].status == "failed"
    assert re.fullmatch(
        r"zip member 'g_patent.tsv' has compression ratio \d+:1 \(limit 100:1\), a zip bomb; refused",
        report.files[0].message or "",
    )
    assert memory["delta"] < 100 * MB
    assert patent_ids(con) == []


def test_zip_bomb_with_a_lying_size_header_stops_at_the_declared_size(con, tmp_path):
    bundle = tmp_path / "pv"
    bundle.mkdir()
    archive_path = bundle / "g_patent.tsv.zip"
    payload = G_PATENT.read_bytes() + b"3999999\tutility\t1976-01-01\t" + b"A" * (64 * MB) + b"\tB2\t\t0\t\n"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("g_patent.tsv", payload)
    del payload
    data = bytearray(archive_path.read_bytes())
    declared = 2 * MB  # claim 2 MB: a ratio that passes the check
    data[22:26] = struct.pack("<I", declared)  # local file header: uncompressed size
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", declared)  # central directory: uncompressed size
    archive_path.write_bytes(bytes(data))

    with peak_rss() as memory:
        report = ingest(con, bundle)

    assert report.files[0].status == "failed"
    assert (report.files[0].message or "").startswith("zip member 'g_patent.tsv' ")
    assert "refused" in (report.files[0].message or "") or "corrupt" in (report.files[0].message or "")
    assert memory["delta"] < 100 * MB
    assert patent_ids(con) == []


# --- duplicates -----------------------------------------------------------------------------------------


def test_duplicate_records_within_a_file_keep_the_first(con, tmp_path):
    rows = lens_rows()
    header = rows[0]
    again = list(rows[1])
    again[header.index("Title")] = "a later copy of row 1"
    path = write_csv(tmp_path / "lens_dupes.csv", [header, *rows[1:4], again])

    report = ingest(con, path)

    first_id = lens_id(rows[1], header)
    assert rejected(con) == [
        (path.name, "row 4", f"duplicate of {first_id} at row 1 in the same file; first kept", "rejected")
    ]
    assert patent_ids(con) == sorted(lens_id(r, header) for r in rows[1:4])
    title = con.execute("select title from core.patent where patent_id = $p", {"p": first_id}).fetchone()
    assert title == (rows[1][header.index("Title")],)
    assert report.files[0].patents_loaded == 3


def test_duplicate_records_across_files_meet_in_one_core_row(con, tmp_path):
    rows = lens_rows()
    header = rows[0]
    first = write_csv(tmp_path / "lens_a.csv", [header, *rows[1:5]])
    second = write_csv(tmp_path / "lens_b.csv", [header, *rows[3:7]])
    copy = tmp_path / "lens_a_copy.csv"
    copy.write_bytes(first.read_bytes())

    report = ingest(con, first, second, copy)

    assert [r.status for r in report.files] == ["loaded", "loaded", "duplicate"]
    assert report.files[2].message == f"same content as {first.resolve()}; not loaded twice"
    ids = {lens_id(r, header) for r in rows[1:7]}
    assert patent_ids(con) == sorted(ids)
    counts = dict(con.execute("select patent_id, duplicate_record_count from core.patent").fetchall())
    both = {lens_id(r, header) for r in rows[3:5]}
    assert counts == {pid: 2 if pid in both else 1 for pid in ids}
    assert con.execute("select count(*) from raw.patent").fetchone() == (8,)
    assert quarantine(con, action="rejected") == []


# --- dates, huge fields, headers --------------------------------------------------------------------------


@pytest.mark.parametrize("bad_date", ["20231345", "1066-01-01", "2999-01-01"])
def test_impossible_dates_in_a_cn_export_are_left_empty_with_a_repair_note(con, tmp_path, bad_date):
    with open(INCOPAT, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[2][header.index("申请日")] = bad_date
    path = tmp_path / "incopat_dates.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)

    report = ingest(con, path)

    assert report.files[0].patents_loaded == len(rows) - 1
    target = rows[2][header.index("公开号")]
    assert quarantine(con, action="repaired") == [
        (path.name, "row 2 (line 3)", f"unparseable 申请日 '{bad_date}'; field left empty", "repaired")
    ]
    day = con.execute("select application_date from core.patent where patent_id = $p", {"p": target}).fetchone()
    assert day == (None,)


def test_impossible_dates_in_lens_and_patentsview_are_left_empty_with_a_repair_note(con, tmp_path):
    rows = lens_rows()
    header = rows[0]
    rows[1][header.index("Publication Date")] = "20231345"
    rows[2][header.index("Application Date")] = "1066-01-01"
    rows[3][header.index("Earliest Priority Date")] = "2999-01-01"
    lens = write_csv(tmp_path / "lens_dates.csv", rows)
    lines = g_patent_lines()
    for number, value in ((2, "20231345"), (3, "1066-01-01"), (4, "2999-01-01")):
        fields = lines[number - 1].split("\t")
        fields[2] = value
        lines[number - 1] = "\t".join(fields)
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_text("".join(lines), encoding="utf-8")

    report = ingest(con, lens, bundle)

    assert [r.patents_loaded for r in report.files] == [len(rows) - 1, len(lines) - 1]
    notes = [(f, loc, why) for f, loc, why, _ in quarantine(con, action="repaired") if why.startswith("unparseable")]
    assert sorted(notes) == [
        (lens.name, "row 1", "unparseable Publication Date '20231345'; left empty"),
        (lens.name, "row 2", "unparseable Application Date '1066-01-01'; left empty"),
        (lens.name, "row 3", "unparseable Earliest Priority Date '2999-01-01'; left empty"),
        ("pv", "g_patent.tsv record 1 (patent_id 3933213)", "unparseable patent_date 20231345; grant_date left empty"),
        (
            "pv",
            "g_patent.tsv record 2 (patent_id 3933242)",
            "unparseable patent_date 1066-01-01; grant_date left empty",
        ),
        (
            "pv",
            "g_patent.tsv record 3 (patent_id 3934687)",
            "unparseable patent_date 2999-01-01; grant_date left empty",
        ),
    ]
    assert rejected(con) == []
    years = con.execute("select count(*) from core.patent where year(grant_date) not between 1790 and 2100").fetchone()
    assert years == (0,)


def test_a_ten_megabyte_csv_field_loads_whole_with_bounded_memory(con, tmp_path):
    rows = lens_rows()
    header = rows[0]
    rows[2][header.index("Abstract")] = "y" * (10 * MB)
    path = write_csv(tmp_path / "lens_huge.csv", rows)

    with peak_rss() as memory:
        report = ingest(con, path)

    assert report.files[0].patents_loaded == len(rows) - 1
    assert rejected(con) == []
    length = con.execute(
        "select length(abstract) from core.patent where patent_id = $p", {"p": lens_id(rows[2], header)}
    ).fetchone()
    assert length == (10 * MB,)  # nothing valid lost
    assert memory["delta"] < 250 * MB  # a few copies of the field, never a blow-up


def test_a_ten_megabyte_tsv_field_costs_only_its_row(con, tmp_path):
    lines = g_patent_lines()
    fields = lines[2].split("\t")
    fields[3] = "z" * (10 * MB)
    lines[2] = "\t".join(fields)
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_text("".join(lines), encoding="utf-8")

    with peak_rss() as memory:
        report = ingest(con, bundle)

    assert report.files[0].status == "loaded", (report.files[0].message or "")[:300]
    assert len(report.files[0].message or "") < 1000
    expected = sorted(pv_key(line) for line in lines[1:])
    loaded = number_keys(con)
    assert len(loaded) + len(rejected(con)) == len(expected)
    assert set(loaded) <= set(expected) and len(loaded) >= len(expected) - 1
    assert memory["delta"] < 250 * MB


def test_mismatched_patentsview_header_names_the_member_and_the_missing_column(con, tmp_path):
    lines = g_patent_lines()
    lines[0] = lines[0].replace("num_claims", "number_of_claims")
    bundle = tmp_path / "pv"
    bundle.mkdir()
    (bundle / "g_patent.tsv").write_text("".join(lines), encoding="utf-8")

    report = ingest(con, bundle)

    assert report.files[0].status == "failed"
    assert report.files[0].message == "g_patent.tsv: missing column(s) num_claims"
    assert patent_ids(con) == []


def test_mismatched_lens_header_is_refused_not_guessed(con, tmp_path):
    rows = lens_rows()
    rows[0] = ["Lens Identifier" if h == "Lens ID" else h for h in rows[0]]
    path = write_csv(tmp_path / "lens_renamed.csv", rows)

    report = ingest(con, path)

    assert report.files[0].status == "failed"
    assert (report.files[0].message or "").startswith("format not recognised")
    assert patent_ids(con) == []


def test_header_shorter_than_the_rows_sets_every_row_aside_by_number(con, tmp_path):
    rows = lens_rows()
    rows[0] = rows[0][:-1]  # the export lost its last header cell
    path = write_csv(tmp_path / "lens_short_header.csv", rows)

    report = ingest(con, path)

    width = len(rows[0])
    assert rejected(con) == sorted(
        (path.name, f"row {n}", f"{width + 1} fields, header has {width}", "rejected") for n in range(1, len(rows))
    )
    assert report.files[0].patents_loaded == 0
