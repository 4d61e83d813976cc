"""One-off builder of data/reference/term_table_zh_en.csv: the zh→en patent term table (pipeline.enrich.termtable).

Learned from the parallel titles (标题 / 标题 (英文)) and abstract openings (first sentence of 摘要 / 摘要 (英文))
of the real bilingual incoPat exports (ZLFX repo via the
project's shared cn_vendor_exports, GPL-3.0; the same files as tests/data/cn_vendor, with the Toyota export whole),
leaving out the held-out fifth of records (termtable.is_held_out), on which pipeline.enrich.termeval measures it.

    python tools/build_term_table.py ../shared/data/cn_vendor_exports > data/reference/term_table_zh_en.csv
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from pipeline.enrich import termtable
from pipeline.enrich.cn_samples import bilingual, read_cn_export


def first_sentence(text: str) -> str:
    """The opening sentence of an abstract ('本发明公开了一种…。' / 'The invention discloses …'), its densest part."""
    return re.split(r"[。；;]|\.\s", text, maxsplit=1)[0][:200]


def main(folder: str) -> None:
    pairs, files = [], []
    seen: set[str] = set()
    for path in sorted(Path(folder).glob("incopat*bilingual*.xlsx")):
        files.append(path.name)
        for record in bilingual(read_cn_export(path)):
            if record.id in seen or termtable.is_held_out(record.id):
                continue
            seen.add(record.id)
            pairs.append((record.title, record.title_en))
            if record.abstract and record.abstract_en:
                pairs.append((first_sentence(record.abstract), first_sentence(record.abstract_en)))
    table = termtable.learn(pairs)
    note = f"incoPat bilingual exports ({len(files)} files, {len(pairs)} title/abstract-opening pairs)"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / termtable.TABLE_FILE
        termtable.write(table, out, note)
        sys.stdout.write(out.read_text(encoding="utf-8"))
    print(f"{len(table)} terms from {len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
