"""mart.tech_efficacy_cell and mart.efficacy_agreement on a hand-built fixture; expected values by hand."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_navigation_high_value import settings_for, warehouse
from test_navigation_specialisation import add

from pipeline.analyse.indicators import run_indicators
from pipeline.analyse.navigation import run_navigation
from pipeline.warehouse.checks import assert_checks_pass

VOCABULARY = ("efficacy_code,name_zh,name_en,terms_zh,terms_en\nACCURACY,提高精度,Accuracy,精度|准确,accuracy\n"
              "COST,降低成本,Cost,成本,cost\nENERGY,降低能耗,Energy use,能耗|功耗,energy\n")


def test_matrix_blanks_and_vendor_agreement(tmp_path: Path) -> None:
    con = warehouse()
    settings = settings_for(tmp_path)
    (settings.reference_dir / "efficacy_vocabulary.csv").write_text(VOCABULARY, encoding="utf-8")
    texts = {"CNP1A": "能够提高识别的准确性，降低成本。",  # ACCURACY, COST
             "CNP2A": "提高准确性。",                      # ACCURACY
             "CNP3A": "提高定位精度。",                    # ACCURACY
             "CNP4A": "降低功耗。",                        # ENERGY
             "CNP5A": "本发明涉及一种装置。"}              # none
    for patent_id, text in texts.items():
        add(con, patent_id, 2022, "H04L" if patent_id in ("CNP4A", "CNP5A") else "G06F", "CQFTZ-XY")
        con.execute("update core.patent set abstract = $t where patent_id = $id", {"t": text, "id": patent_id})
    con.execute("update core.classification set main_group = subclass || ' 1/00'")
    # incoPat annotations: P1 提高准确性 (ACCURACY) + 降低能耗 (ENERGY); P4 降低功耗 (ENERGY); P5 智能家居 (none).
    for n, (patent_id, phrase) in enumerate([("CNP1A", "提高准确性"), ("CNP1A", "降低能耗"), ("CNP4A", "降低功耗"),
                                             ("CNP5A", "智能家居")]):
        con.execute("insert into core.vendor_classification values ('f1', $id, 'efficacy_phrase', $p, null, false, "
                    "'incopat', $n)", {"id": patent_id, "p": phrase, "n": n})
    run_indicators(con, settings)
    run_navigation(con, settings, as_of=date(2025, 6, 30))
    cells = {(r[0], r[1]): r[2:] for r in con.execute(
        "select branch_code, efficacy_code, branch_rank, patent_count, patent_ids, busy_min, is_blank_candidate "
        "from mart.tech_efficacy_cell where scope_code = 'CQFTZ-XY' and industry_code = 'ALL' "
        "and branch_scheme = 'ipc_group'").fetchall()}
    # Branches with an efficacy: G06F 1/00 has P1, P2, P3 (3) → rank 1; H04L 1/00 has P4 (P5 states none) → rank 2.
    # Largest cell 3 → busy_min = greatest(2, ceil(3 / 2)) = 2; only G06F × ACCURACY (3) is busy.
    # Blank = empty and (row or column busy): G06F × ENERGY (row) and H04L × ACCURACY (column);
    # H04L × COST is empty but its row max is 1 and the COST column max is 1 → not a candidate.
    assert cells == {
        ("G06F 1/00", "ACCURACY"): (1, 3, "CNP1A|CNP2A|CNP3A", 2, False),
        ("G06F 1/00", "COST"): (1, 1, "CNP1A", 2, False),
        ("G06F 1/00", "ENERGY"): (1, 0, "", 2, True),
        ("H04L 1/00", "ACCURACY"): (2, 0, "", 2, True),
        ("H04L 1/00", "COST"): (2, 0, "", 2, False),
        ("H04L 1/00", "ENERGY"): (2, 1, "CNP4A", 2, False),
    }
    agreement = {r[0]: r[1:] for r in con.execute(
        "select efficacy_code, patents_compared, ours_count, vendor_count, both_count, recall_pct, precision_pct "
        "from mart.efficacy_agreement").fetchall()}
    # Compared = P1, P4, P5 (annotated) = 3. Ours: P1 {ACCURACY, COST}, P4 {ENERGY}; incoPat: P1 {ACCURACY,
    # ENERGY}, P4 {ENERGY}. ACCURACY 1/1/1; COST ours 1, vendor 0; ENERGY ours 1 (P4), vendor 2 (P1, P4), both 1
    # → recall 50 %. ALL: patents with ours 2, with vendor 2, sharing one 2 (P1 ACCURACY, P4 ENERGY).
    assert agreement == {
        "ACCURACY": (3, 1, 1, 1, 100.0, 100.0),
        "COST": (3, 1, 0, 0, None, 0.0),
        "ENERGY": (3, 1, 2, 1, 50.0, 100.0),
        "ALL": (3, 2, 2, 2, 100.0, 100.0),
    }
    for prefix in ("mart_patent_efficacy", "mart_tech_efficacy_cell", "mart_efficacy_agreement"):
        assert_checks_pass(con, prefix=prefix)
