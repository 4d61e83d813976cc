"""PatentsView g_* adapter on tiny inline bundles (3 patents), in an in-memory warehouse."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest

from pipeline.normalize import normalize_ipc, normalize_name, normalize_publication_number
from pipeline.sources import detect_adapter, discover_units
from pipeline.sql import run_sql
from pipeline.warehouse.ingest import ingest_paths

G_PATENT = (
    "patent_id\tpatent_type\tpatent_date\tpatent_title\twipo_kind\tnum_claims\twithdrawn\tfilename\n"
    "10000000\tutility\t2018-06-19\tCoherent LADAR\tB2\t20\t0\tipg180619.xml\n"
    "D0900000\tdesign\t1990-05-01\tLamp\tB2\t1\t0\t\n"
    "5000000\tutility\tnot-a-date\t\"Quoted\ttitle\"\tA\t3\t0\t\n"
    "10000000\tutility\t2018-06-19\tRepeat of the first\tB2\t20\t0\t\n"
    "\tutility\t2018-06-19\tNo id\tB2\t20\t0\t\n"
    "7000000\tutility\t2006-02-28\tRagged\n"
)
G_ASSIGNEE = (
    "patent_id\tassignee_sequence\tassignee_id\tdisambig_assignee_individual_name_first\t"
    "disambig_assignee_individual_name_last\tdisambig_assignee_organization\tassignee_type\tlocation_id\n"
    "10000000\t0\ta1\t\t\tChongqing Changan Automobile Co., Ltd.\t3\tloc_cq\n"
    "D0900000\t0\ta2\tJosé\tMüller\t\t4\tloc_us\n"
    "9999999\t0\ta3\t\t\tOrphan Corp\t2\tloc_us\n"
)
G_INVENTOR = (
    "patent_id\tinventor_sequence\tinventor_id\tdisambig_inventor_name_first\tdisambig_inventor_name_last\t"
    "gender_code\tlocation_id\n"
    "10000000\t0\ti1\tAnn\tLee\tF\tloc_us\n"
    "10000000\t1\ti2\t\t\t\tloc_us\n"
)
G_LOCATION = (
    "location_id\tdisambig_city\tdisambig_state\tdisambig_country\tlatitude\tlongitude\tcounty\tstate_fips\tcounty_fips\n"
    "loc_cq\tChongqing\t\tCN\t\t\t\t\t\n"
    "loc_us\tAustin\tTX\tUS\t\t\t\t\t\n"
)
G_CPC = (
    "patent_id\tcpc_sequence\tcpc_section\tcpc_class\tcpc_subclass\tcpc_group\tcpc_type\n"
    "10000000\t0\tG\tG01\tG01S\tG01S17/89\tinventive\n"
    "10000000\t1\tH\tH01\tH01L\tH01L21/2\tadditional\n"
    "D0900000\t0\tZ\tZ02\tZ02P\t\tinventive\n"
)
G_CITATION = (
    "patent_id\tcitation_sequence\tcitation_patent_id\tcitation_date\trecord_name\twipo_kind\tcitation_category\n"
    "10000000\t0\t5000000\t1991-03-19\tSmith\tA\tcited by examiner\n"
    "10000000\t1\tD0900000\t1990-05-01\tJones\tS\tcited by applicant\n"
    "10000000\t2\t\t\t\t\tcited by other\n"
)


def write_bundle(folder: Path, *, zipped: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "g_patent": G_PATENT, "g_assignee_disambiguated": G_ASSIGNEE, "g_inventor_disambiguated": G_INVENTOR,
        "g_location_disambiguated": G_LOCATION, "g_cpc_current": G_CPC, "g_us_patent_citation": G_CITATION,
    }
    for name, text in tables.items():
        if zipped and name in {"g_patent", "g_us_patent_citation"}:
            with zipfile.ZipFile(folder / f"{name}.tsv.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(f"{name}.tsv", text)
        else:
            (folder / f"{name}.tsv").write_text(text, encoding="utf-8")
    return folder


def write_member(folder: Path, table: str, template: str, *lines: str) -> None:
    """Replace one member of a bundle: the template's header, then these lines."""
    (folder / f"{table}.tsv").write_text("".join(f"{line}\n" for line in (template.splitlines()[0], *lines)),
                                         encoding="utf-8")


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_bundle_is_one_unit_and_sniffed(tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "pv")
    (units,) = discover_units([folder])
    assert detect_adapter(units).format == "patentsview_g_tsv"
    assert len(units.members) == 6


@pytest.mark.parametrize("zipped", [False, True])
def test_loads_good_rows_and_quarantines_bad_ones(con: duckdb.DuckDBPyConnection, tmp_path: Path, zipped: bool) -> None:
    report = ingest_paths(con, [write_bundle(tmp_path / "pv", zipped=zipped)])
    (result,) = report.files
    assert result.status == "loaded", result.message
    assert rows(con, "select patent_id, kind, doc_type, grant_date::varchar, title from core.patent order by 1") == [
        ("US10000000B2", "B2", "grant", "2018-06-19", "Coherent LADAR"),
        ("US5000000", None, "grant", None, "Quoted title"),
        ("USD900000S", "S", "design", "1990-05-01", "Lamp"),
    ]
    rejected = dict(rows(con, "select record_locator, reason from core.quarantine where action = 'rejected'"))
    member = "g_patent.tsv.zip" if zipped else "g_patent.tsv"
    assert "MISSING COLUMNS" in rejected[f"{member} line 7"]
    assert any("duplicate of patent_id 10000000" in why for why in rejected.values())
    assert any(why == "no usable patent_id" for why in rejected.values())
    assert any("9999999 is not a kept g_patent row" in why for why in rejected.values())
    assert any("no inventor name" in why for why in rejected.values())
    assert any("'Z02P' not usable" in why for why in rejected.values())
    assert any("no citation_patent_id" in why for why in rejected.values())
    assert result.quarantined == len(rejected) == 7
    repaired = [r[0] for r in rows(con, "select reason from core.quarantine where action = 'repaired'")]
    assert any("unparseable patent_date not-a-date" in why for why in repaired)
    assert any("wipo_kind B2" in why and "set to S" in why for why in repaired)
    assert result.records_read == 6


def test_parties_classes_and_citations_match_python_normalisers(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ingest_paths(con, [write_bundle(tmp_path / "pv")])
    parties = rows(con, "select patent_id, role, name_raw, name_norm, party_type, country, city from core.patent_party "
                        "order by patent_id, role, sequence")
    assert parties == [
        ("US10000000B2", "assignee", "Chongqing Changan Automobile Co., Ltd.",
         normalize_name("Chongqing Changan Automobile Co., Ltd."), "organization", "CN", "Chongqing"),
        ("US10000000B2", "inventor", "Ann Lee", "ANN LEE", "person", "US", "Austin"),
        ("USD900000S", "assignee", "José Müller", normalize_name("José Müller"), "person", "US", "Austin"),
    ]
    classes = rows(con, "select symbol, is_main from core.classification order by sequence")
    assert classes == [(normalize_ipc("G01S17/89"), True), (normalize_ipc("H01L21/2"), False)]
    cites = rows(con, "select cited_patent_ref, cited_patent_id, category, cited_date::varchar from core.citation "
                      "order by sequence")
    assert cites == [("US5000000", "US5000000", "examiner", "1991-03-19"),
                     ("USD900000", "USD900000S", "applicant", "1990-05-01")]


@pytest.mark.parametrize("raw", ["10000000", "0004000001", "D0900000", "RE028967", "PP12345", "H0001234", "T962005"])
def test_sql_number_matches_normalize(raw: str) -> None:
    connection = duckdb.connect()
    run_sql(connection, "staging/patentsview_macro_us_number")
    (sql_value,) = connection.execute("select 'US' || pv_us_number($x)", {"x": raw}).fetchall()[0]
    assert sql_value == normalize_publication_number("US" + raw)


@pytest.mark.parametrize("subclass, group", [("H01L", "H01L21/02"), ("G06F", "G06F 3/0481"), ("A61K", ""),
                                             ("B01D", "B01D0053/00")])
def test_sql_symbol_matches_normalize(subclass: str, group: str) -> None:
    connection = duckdb.connect()
    run_sql(connection, "staging/patentsview_macro_cpc_symbol")
    params = {"s": subclass, "g": group or None}
    (sql_value,) = connection.execute("select pv_cpc_symbol($s, $g)", params).fetchall()[0]
    assert sql_value == normalize_ipc(group or subclass)


def test_reingest_is_a_no_op(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "pv")
    ingest_paths(con, [folder])
    queries = ("select * from core.patent order by all", "select * from core.quarantine order by all",
               "select * from core.patent_party order by all", "select * from core.citation order by all")
    before = [rows(con, q) for q in queries]
    (again,) = ingest_paths(con, [folder]).files
    assert again.status == "unchanged"
    assert before == [rows(con, q) for q in queries]


def test_missing_column_names_the_member(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "pv")
    (folder / "g_cpc_current.tsv").write_text("patent_id\tcpc_sequence\n1\t0\n", encoding="utf-8")
    (result,) = ingest_paths(con, [folder]).files
    assert result.status == "failed"
    assert "g_cpc_current.tsv: missing column(s) cpc_subclass" in (result.message or "")


@pytest.mark.parametrize("member", ["g_patent.tsv", "g_us_patent_citation.tsv"])
def test_unsafe_zip_member_fails_the_bundle_with_its_name(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, member: str
) -> None:
    folder = write_bundle(tmp_path / "pv", zipped=True)
    with zipfile.ZipFile(folder / f"{member}.zip", "w") as archive:
        archive.writestr(f"../{member}", "patent_id\n")
    (result,) = ingest_paths(con, [folder]).files
    assert result.status == "failed"
    assert f"unsafe zip member '../{member}'" in (result.message or "")
    assert con.execute("select count(*) from core.patent").fetchall() == [(0,)]


def test_each_spelling_keeps_its_own_name_and_type(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Names are cleaned once per distinct spelling; every row still gets its own: a placeholder organisation
    falls back to the person, the same person on two patents is named on both, and an organisation and a
    person spelled alike stay apart by type."""
    folder = write_bundle(tmp_path / "pv")
    write_member(folder, "g_assignee_disambiguated", G_ASSIGNEE, "10000000\t0\ta1\tAnn\tLee\t-\t4\tloc_us",
                 "D0900000\t0\ta2\tAnn\tLee\t\t4\tloc_us", "D0900000\t1\ta3\t\t\tAnn  Lee\t2\tloc_cq")
    ingest_paths(con, [folder])
    assignees = rows(con, "select patent_id, sequence, name_raw, name_norm, party_type, country "
                          "from core.patent_party where role = 'assignee' order by patent_id, sequence")
    assert assignees == [
        ("US10000000B2", 0, "Ann Lee", "ANN LEE", "person", "US"),
        ("USD900000S", 0, "Ann Lee", "ANN LEE", "person", "US"),
        ("USD900000S", 1, "Ann Lee", "ANN LEE", "organization", "CN"),
    ]


def test_a_repeated_reference_keeps_its_first_row(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "pv")
    write_member(folder, "g_us_patent_citation", G_CITATION,
                 "10000000\t4\t5000000\t1991-03-19\tSmith\tA\tcited by other",
                 "10000000\t2\t05000000\t1991-03-19\tSmith\tA\tcited by examiner",
                 "10000000\t3\tD0900000\t1990-05-01\tJones\tS\tcited by applicant")
    ingest_paths(con, [folder])
    assert rows(con, "select sequence, cited_ref_raw, category from core.citation order by sequence") == [
        (2, "05000000", "examiner"), (3, "D0900000", "applicant")]


def test_a_later_file_resolves_what_earlier_patents_cite(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """The merge skips re-resolving older citations when core held none before the load; a second file must
    still link the citations of the first to the patents it adds."""
    first = write_bundle(tmp_path / "first")
    write_member(first, "g_us_patent_citation", G_CITATION,
                 "10000000\t0\t6000000\t1995-01-01\tSmith\tA\tcited by examiner")
    ingest_paths(con, [first])
    assert rows(con, "select cited_patent_id from core.citation") == [(None,)]
    second = tmp_path / "second"
    second.mkdir()
    write_member(second, "g_patent", G_PATENT, "6000000\tutility\t1999-12-07\tOlder work\tA\t5\t0\t")
    (result,) = ingest_paths(con, [second]).files
    assert result.status == "loaded", result.message
    assert rows(con, "select citing_patent_id, cited_patent_id from core.citation") == [
        ("US10000000B2", "US6000000A")]


def _party_files(con: duckdb.DuckDBPyConnection, file_id: str) -> list[str]:
    """The party table's files in the artifact of one loaded file (its folder is named by the full sha256)."""
    from pipeline.warehouse.artifacts import connection_artifact_root

    (folder,) = connection_artifact_root(con).glob(f"{file_id}*")
    return sorted(p.name for p in folder.glob("patent_party*.parquet"))


def test_clean_party_parts_are_kept_as_staged_and_read_as_one_table(
        con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    folder = write_bundle(tmp_path / "pv")
    write_member(folder, "g_assignee_disambiguated", G_ASSIGNEE, G_ASSIGNEE.splitlines()[1])
    write_member(folder, "g_inventor_disambiguated", G_INVENTOR, G_INVENTOR.splitlines()[1])
    (result,) = ingest_paths(con, [folder]).files
    assert result.status == "loaded", result.message
    assert _party_files(con, result.file_id) == ["patent_party.parquet", "patent_party.part-2.parquet"]
    assert rows(con, "select role, name_raw from raw.patent_party order by role") == [
        ("assignee", "Chongqing Changan Automobile Co., Ltd."), ("inventor", "Ann Lee")]
    assert rows(con, "select patent_id, role from core.patent_party order by role") == [
        ("US10000000B2", "assignee"), ("US10000000B2", "inventor")]


def test_parts_with_quarantined_rows_become_one_file_of_kept_rows(
        con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    (result,) = ingest_paths(con, [write_bundle(tmp_path / "pv")]).files  # an orphan assignee, a nameless inventor
    assert _party_files(con, result.file_id) == ["patent_party.parquet"]
    assert rows(con, "select count(*) from raw.patent_party where patent_id like '!orphan:%' or name_norm = ''") \
        == [(0,)]
    assert rows(con, "select count(*) from raw.patent_party") == [(3,)]
