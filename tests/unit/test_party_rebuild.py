"""core.party takes each party's most frequent type and country, ties broken alphabetically, whatever the order
the rows were loaded in (the crash-safety test caught a tie resolved differently after a re-run)."""

from __future__ import annotations

import itertools

import duckdb

from pipeline.sql import run_sql
from pipeline.warehouse.schema import ensure_schema

ROWS = [  # patent, party, type, country
    ("P1", "x", "person", "CN"),
    ("P2", "x", "organization", "US"),
    ("P3", "y", "organization", None),
    ("P4", "y", "organization", "CN"),
    ("P5", "y", "person", "CN"),
    ("P6", "z", None, None),
]


def rebuilt(rows: list[tuple[str, str, str | None, str | None]]) -> list[tuple]:
    con = duckdb.connect()
    ensure_schema(con)
    for sequence, (patent, party, kind, country) in enumerate(rows, start=1):
        con.execute("insert into core.patent_party (patent_id, role, sequence, party_id, party_type, name_raw, "
                    "name_norm, country, file_id) values ($p, 'applicant', $s, $id, $t, $id, $id, $c, 'f')",
                    {"p": patent, "s": sequence, "id": party, "t": kind, "c": country})
    run_sql(con, "core/rebuild_party")
    return con.execute("select party_id, party_type, country, patent_count from core.party order by 1").fetchall()


def test_most_frequent_type_and_country_with_alphabetical_ties_in_any_load_order():
    # x: one person, one organization -> tie -> 'organization'; countries CN and US tie -> 'CN'.
    # y: organization 2 : person 1 -> 'organization'; CN 2 (a NULL does not count) -> 'CN'.
    # z: no type and no country -> NULL, NULL.
    expected = [("x", "organization", "CN", 2), ("y", "organization", "CN", 3), ("z", None, None, 1)]
    for order in itertools.islice(itertools.permutations(ROWS), 0, None, 97):
        assert rebuilt(list(order)) == expected
