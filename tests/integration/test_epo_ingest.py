"""EPO OPS samples: biblio, family-with-biblio and legal responses."""

from __future__ import annotations

import pytest

from pipeline.settings import load_settings
from pipeline.warehouse.connection import open_warehouse
from pipeline.warehouse.ingest import ingest_paths

pytestmark = pytest.mark.integration

SAMPLE = load_settings({}).sample_dir / "epo"


def test_epo_samples_load_with_families_parties_and_legal_status(tmp_path):
    with open_warehouse(tmp_path / "w.duckdb") as con:
        report = ingest_paths(con, [SAMPLE])
        assert {r.status for r in report.files} == {"loaded"}
        documents = sum(p.read_bytes().count(b"<exchange-document ") for p in SAMPLE.glob("*.xml"))
        legal_members = (SAMPLE / "ops_legal_EP2400812.xml").read_bytes().count(b"<ops:family-member")
        assert sum(r.patents_loaded + r.quarantined for r in report.files) == documents + legal_members
        row = con.execute(
            "select family_id, title, language, legal_status is not null, application_date::varchar "
            "from core.patent where patent_id = 'EP2400812A1'"
        ).fetchone()
        assert row == ("43088294", "BLUETOOTH NETWORKING", "en", True, "2010-06-24")
        family = con.execute("select count(*) from core.patent where family_id = '43088294'").fetchone()
        assert family is not None and family[0] >= 4
        parties = con.execute(
            "select name_raw, country from core.patent_party where patent_id = 'EP2400812A1' and role = 'applicant'"
        ).fetchall()
        assert ("9SOLUTIONS OY", "FI") in parties
        cited = con.execute("select count(*) from core.citation where citing_patent_id = 'EP2400812A1'").fetchone()
        assert cited is not None and cited[0] > 0
