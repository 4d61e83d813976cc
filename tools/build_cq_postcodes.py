"""One-off builder of data/reference/cq_postcodes.csv: which Chongqing district a postcode points to.

Two named sources: (1) each district's main postcode as published in a public region-picker table
(www-onekit-cn/baidu2alipay, src/ui/_/ragion-picker/data/towns.json.js @ 4e1cff05, entries 500101–500243; facts,
transcribed below); (2) the postcodes filed with Chongqing addresses in CNIPA's CN-BIBS-ABSS weekly records of
March–May 2017 (the project's shared cnipa_bibliographic/weekly copy): a 5-digit prefix is kept when at least 5
addresses that name their district carry it and at least 90% of them name the same district. The postcode is
weak evidence (used only when an address names no district), so confidence stays at 0.5–0.6.

    python tools/build_cq_postcodes.py ../shared/data/cnipa_bibliographic/weekly > data/reference/cq_postcodes.csv
"""

from __future__ import annotations

import collections
import csv
import glob
import sys

from pipeline.enrich.places import load_places, read_address
from pipeline.settings import load_settings

SEATS = {
    "404000": "500101", "408000": "500102", "400010": "500103", "400080": "500104", "400020": "500105",
    "400030": "500106", "400050": "500107", "400064": "500108", "400700": "500109", "400800": "500110",
    "400900": "500111", "401120": "500112", "401320": "500113", "409700": "500114", "401220": "500115",
    "402260": "500116", "401520": "500117", "402160": "500118", "408400": "500119", "402760": "500120",
    "402560": "500151", "402660": "500152", "402460": "500153", "405200": "500155", "405900": "500229",
    "408200": "500230", "408300": "500231", "408500": "500156", "404300": "500233", "405400": "500154",
    "404500": "500235", "404600": "500236", "404700": "500237", "405800": "500238", "409100": "500240",
    "409900": "500241", "409800": "500242", "409600": "500243",
}
SEAT_SOURCE = "district main postcode: www-onekit-cn/baidu2alipay towns.json.js @ 4e1cff05"


def main(folder: str) -> None:
    reference = load_settings().reference_dir
    empty = reference / "cq_postcodes.csv"
    table = load_places(reference / "cq_places.csv", empty)
    by_prefix: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for path in sorted(glob.glob(f"{folder}/*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                postcode = (row.get("邮编") or "").strip()
                if not postcode.startswith("40") or len(postcode) != 6:
                    continue
                read = read_address(row["地址"], table, postcode=postcode)
                if read.in_chongqing and read.rule == "district_named" and len(read.district_codes) == 1:
                    by_prefix[postcode[:5]][read.district_codes[0]] += 1
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["postcode_prefix", "district_code", "confidence", "source"])
    for postcode, code in sorted(SEATS.items()):
        out.writerow([postcode, code, 0.6, SEAT_SOURCE])
    for prefix, counts in sorted(by_prefix.items()):
        code, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if n >= 5 and n / total >= 0.9:
            out.writerow([prefix, code, 0.5, f"CNIPA CN-BIBS-ABSS 2017 weeks: {n} of {total} addresses name it"])


if __name__ == "__main__":
    main(sys.argv[1])
