"""Strategic emerging industries (战略性新兴产业, SEI 2018: 9 industries, 40 categories) as a taxonomy of its own.

Two IPC concordances can label a patent:
- `sei_ipc_concordance_2021.csv`: CNIPA's 《战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）》 as transcribed
  (one row per IPC entry of a numbered block ``rule_no`` of a category). Notation, applied exactly:
  ``X*`` = the symbol and everything below it (``G06F*`` the subclass, ``G06F11*`` main group 11, ``H04L27/26*``
  subgroup 26 and its digit-extensions 27/2601 …; ``G16*`` a whole class); a bare symbol = exactly that symbol
  (``G06F9/46``; a bare main group ``H03M13`` = ``H03M13/00``; a bare subclass = the subclass). ``excludes`` are
  the block's 不含 entries in the same notation: a code they match does not fire the block. ``note`` is the
  block's 关键词概述: optionally (``use_keywords``) a block with a note fires only when the title/abstract holds one
  of its keywords; whether that helps is measured (pipeline.enrich.seieval), not assumed.
- `sei_ipc_concordance.csv` (interim): string prefixes taken from our own taxonomy's patterns.

Every label names the row that produced it (``rule``), so an analyst can trace a patent back to the table.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CONCORDANCE_FILE = "sei_ipc_concordance_2021.csv"
INTERIM_FILE = "sei_ipc_concordance.csv"
RULE_PREFIX = "CNIPA2021"  # how a label names a row of the 2021 table: "CNIPA2021 1.1#3 H04W4*"
CONCORDANCE_VERSION = "CNIPA SEI–IPC 2021 (试行), transcription vvangpc/pr-re@ab5c0d49, PatentNav rev 1"
_SYMBOL = re.compile(r"^([A-H]\d\d)([A-Z])?(\d+)?(?:/(\d+))?$")
_NOTE_SPLIT = re.compile(r"[；;、，,（）()：:\s]+|及|和|与|等")
# generic words of the notes (industry names of the NEC catalogue) that say nothing about a patent's subject
_NOTE_STOP = frozenset({
    "制造", "服务", "设备", "其他", "相关", "产品", "生产", "技术", "系统", "材料", "装置", "专用", "行业", "销售",
    "开发", "应用", "加工", "配套", "部件", "零部件", "研发", "工程", "产业", "建设", "活动", "管理", "新型",
    "高端", "智能", "先进", "高性能", "高效", "新能源", "节能", "环保", "用于", "包括", "主要",
})


@dataclass(frozen=True)
class Pattern:
    """One concordance symbol: the class/subclass, main group and subgroup it names, and whether `*` follows."""
    text: str
    klass: str
    subclass: str | None
    group: str | None
    subgroup: str | None
    wildcard: bool
    prefix_only: bool = False  # interim rows: plain string prefix of the compact symbol

    def matches(self, code: tuple[str, str | None, str | None, str | None], compact: str) -> bool:
        if self.prefix_only:
            return compact.startswith(self.text)
        klass, subclass, group, subgroup = code
        if klass != self.klass:
            return False
        if self.subclass is None:
            return True  # a whole class (G16*)
        if subclass != self.subclass:
            return False
        if self.group is None:
            return True  # a subclass, with or without * (a bare subclass cannot be met any other way)
        if group != self.group:
            return False
        if self.subgroup is None:
            return self.wildcard or subgroup in (None, "00")
        if subgroup is None:
            return False
        return subgroup.startswith(self.subgroup) if self.wildcard else subgroup == self.subgroup


@dataclass(frozen=True)
class Block:
    """A numbered block of one SEI category: its include and exclude symbols and keyword note."""
    sei_code: str
    sei_name: str
    rule_no: str
    includes: tuple[Pattern, ...]
    excludes: tuple[Pattern, ...]
    keywords: tuple[str, ...]
    flagged: frozenset[str] = field(default_factory=frozenset)  # include symbols the transcription flags

    @property
    def industry(self) -> str:
        return self.sei_code.split(".")[0]


@dataclass(frozen=True)
class Label:
    sei_code: str
    rule: str  # e.g. "CNIPA2021 1.1#3 H04W4*" or "interim 5.1 B60L"


def compact(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol or "").upper()


def split_code(symbol: str) -> tuple[str, str | None, str | None, str | None] | None:
    """'H04L 27/2601' -> ('H04', 'L', '27', '2601'); main-group numbers lose leading zeros (CN '0003/00')."""
    match = _SYMBOL.match(compact(symbol).rstrip("*"))
    if not match:
        return None
    klass, subclass, group, subgroup = match.groups()
    return klass, subclass, str(int(group)) if group else None, subgroup


def parse_pattern(text: str) -> Pattern | None:
    text = compact(text)
    parts = split_code(text)
    if not text or parts is None:
        return None
    return Pattern(text, *parts, wildcard=text.endswith("*"))


def keywords_of(note: str) -> tuple[str, ...]:
    """Keywords of a 关键词概述 note: its phrases and their two-plus-character words, generic words dropped."""
    from pipeline.enrich.textmodel import _jieba

    found: list[str] = []
    for piece in _NOTE_SPLIT.split(note or ""):
        piece = piece.strip()
        if len(piece) < 2:
            continue
        for word in [piece, *_jieba().lcut(piece)]:
            if len(word) >= 2 and word not in _NOTE_STOP and not word.isascii():
                found.append(word)
    return tuple(dict.fromkeys(found))


def load_concordance(path: Path, *, drop_flagged_exclusions: bool = True,
                     skip_status: frozenset[str] = frozenset({"dropped"})) -> list[Block]:
    """Blocks of the transcribed 2021 table (one CSV row per include symbol, grouped by sei_code + rule_no).

    drop_flagged_exclusions: a symbol both included and excluded in one block (the known defect of 1.1 rule 3,
    `flag` set) is read as an include (adopted: it agrees with incoPat on 1 record more of 4,573); False lets the
    exclusion win, as the transcription literally reads. Rows whose
    `status` is in skip_status are left out ('dropped' always; 'suspect' to measure the table without them)."""
    grouped: dict[tuple[str, str], dict] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("status") or "").strip() in skip_status:
                continue
            key = (row["sei_code"].strip(), row["rule_no"].strip())
            block = grouped.setdefault(key, {"name": row["sei_name"].strip(), "inc": [], "exc": {}, "note": "",
                                             "flagged": set()})
            block["inc"].append(row["ipc"].strip())
            for symbol in (row.get("excludes") or "").split(";"):
                if symbol.strip():
                    block["exc"][compact(symbol)] = True
            block["note"] = block["note"] or (row.get("note") or "").strip()
            if (row.get("flag") or "").strip():
                block["flagged"].add(compact(row["ipc"]))
    blocks = []
    for (code, rule_no), b in grouped.items():
        excludes = [s for s in b["exc"] if not (drop_flagged_exclusions and s in b["flagged"])]
        blocks.append(Block(
            code, b["name"], rule_no,
            tuple(p for p in map(parse_pattern, dict.fromkeys(b["inc"])) if p),
            tuple(p for p in map(parse_pattern, excludes) if p),
            keywords_of(b["note"]), frozenset(b["flagged"]),
        ))
    return blocks


def load_interim(path: Path) -> list[Block]:
    """The interim table as blocks of plain prefixes (one block per SEI code)."""
    grouped: dict[str, tuple[str, list[str]]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["sei_code"], (row["sei_name_zh"], []))[1].append(compact(row["ipc_prefix"]))
    return [Block(code, name, "interim", tuple(Pattern(p, "", None, None, None, True, prefix_only=True)
                                                for p in prefixes), (), ())
            for code, (name, prefixes) in grouped.items()]


class Matcher:
    """Labels IPC codes with SEI categories through a list of blocks (indexed by class for speed)."""

    def __init__(self, blocks: Sequence[Block], version: str, *, use_keywords: bool = False) -> None:
        self.blocks = list(blocks)
        self.version = version
        self.use_keywords = use_keywords
        self._by_class: dict[str, list[tuple[Block, Pattern]]] = {}
        self._cache: dict[str, tuple[tuple[Block, Pattern], ...]] = {}
        for block in self.blocks:
            for pattern in block.includes:
                self._by_class.setdefault(pattern.text[:3], []).append((block, pattern))

    def _fires(self, block: Block, text: str) -> bool:
        if not self.use_keywords or not block.keywords:
            return True
        return any(k in text for k in block.keywords)

    def fired(self, codes: Iterable[str], text: str = "") -> list[tuple[Block, Pattern]]:
        """Every (block, include symbol) that fires on the codes, in code order."""
        hits: list[tuple[Block, Pattern]] = []
        for raw in codes:
            hits += [(block, pattern) for block, pattern in self._symbol_hits(raw) if self._fires(block, text)]
        return hits

    def _symbol_hits(self, raw: str) -> tuple[tuple[Block, Pattern], ...]:
        """The rows one symbol matches (keywords aside), remembered: a warehouse's million patents share a few
        tens of thousands of symbols, and matching each anew was most of a night's SEI labelling."""
        found = self._cache.get(raw)
        if found is None:
            found = ()
            symbol = compact(raw)
            parts = split_code(symbol)
            if parts is not None:
                found = tuple((block, pattern) for block, pattern in self._by_class.get(symbol[:3], ())
                              if pattern.matches(parts, symbol)
                              and not any(x.matches(parts, symbol) for x in block.excludes))
            self._cache[raw] = found
        return found

    def rule_name(self, block: Block, pattern: Pattern) -> str:
        if block.rule_no == "interim":
            return f"interim {block.sei_code} {pattern.text}"
        return f"{self.version} {block.sei_code}#{block.rule_no} {pattern.text}"

    def label(self, codes: Iterable[str], text: str = "") -> list[Label]:
        """SEI labels of a patent's codes, one per category (the first row that fired names the rule)."""
        found: dict[str, Label] = {}
        for block, pattern in self.fired(codes, text):
            found.setdefault(block.sei_code, Label(block.sei_code, self.rule_name(block, pattern)))
        return sorted(found.values(), key=lambda lab: lab.sei_code)


def load_names(path: Path) -> dict[str, str]:
    """SEI name (as vendors write it) -> code, from sei_codes.csv."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["sei_name_zh"].strip(): row["sei_code"].strip() for row in csv.DictReader(handle)}


def vendor_codes(labels: Iterable[str], names: dict[str, str]) -> list[str]:
    """incoPat's 新兴产业分类 values (names or codes such as '1.5') as SEI category codes."""
    codes = set(names.values())
    out = []
    for raw in labels:
        value = raw.strip()
        code = names.get(value, value)
        if code in codes:
            out.append(code)
    return sorted(set(out))
