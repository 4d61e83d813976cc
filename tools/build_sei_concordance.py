"""One-off builder of data/reference/sei_ipc_concordance_2021.csv from the third-party transcription of CNIPA's
《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》 (the project's shared reference_candidates copy).

Rows are copied unchanged, with three columns added:
- `status`: `active` (used), `suspect` (used, but listed for review: on the real incoPat exports the row fires mostly
  on records incoPat files under another category; `patentnav classify --sei-agreement` measures the table
  without them as `cnipa2021_without_suspect`), `dropped` (never used; none so far);
- `review`: why a row is suspect, or how a flagged row was resolved;
- the 15 symbols of block 1.1 rule 3 that the transcription lists both as include and exclusion (`flag`) are
  read as includes by pipeline.enrich.sei (drop_flagged_exclusions=True, the adopted reading): measured on 4,573
  incoPat records, that agrees on 1 record more at both levels than letting the exclusion win (0.9462 vs 0.9460
  industry, 0.9399 vs 0.9396 category); the columns stay as transcribed.

    python tools/build_sei_concordance.py ../shared/data/reference_candidates/sei_ipc_concordance_2021_transcribed.csv \
        > data/reference/sei_ipc_concordance_2021.csv
"""

from __future__ import annotations

import csv
import sys

# (sei_code, rule_no, ipc) -> note; from `patentnav classify --sei-agreement` (rows firing on >= 10 incoPat records
# with category agreement < 0.25 or industry agreement < 0.5 where the IPC reads foreign to the category)
SUSPECT = {
    ("2.3", "4", "G05D1*"): "卫星及应用 takes all of G05D1 (vehicle position/course control): fired on 233 incoPat "
                             "records, incoPat agrees on 10% (industry 21%; it says 5.2 / 1.5); probably narrower "
                             "subgroups in the official table",
    ("3.6", "11", "G02B*"): "前沿新材料 takes the whole optics subclass G02B: 17 records, 0% agreement (incoPat: 8.1 / "
                            "5.2); probably G02B1 (optical elements by material) in the official table",
    ("6.4", "7", "G01R31*"): "生物质能及其他新能源 takes G01R31 (electrical testing): 18 records, 0% (incoPat: 6.5 "
                             "智能电网); the 6.4/6.5 block boundary may be shifted",
    ("1.2", "5", "G06K9*"): "电子核心产业 takes G06K9 (pattern recognition): 81 records, 21% (incoPat: 1.5 人工智能); "
                            "industry level agrees (100%)",
}


def main(source: str) -> None:
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    writer = csv.DictWriter(sys.stdout, fieldnames=[*rows[0].keys(), "status", "review"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        key = (row["sei_code"], row["rule_no"], row["ipc"])
        status, review = "active", ""
        if row["flag"]:
            review = "also listed as exclusion of this block in the transcription; read as include (measured)"
        if key in SUSPECT:
            status, review = "suspect", SUSPECT[key]
        writer.writerow({**row, "status": status, "review": review})


if __name__ == "__main__":
    main(sys.argv[1])
