"""Shared pieces of the mention finders: spans, the page context, lexicons from
``kg/resources``, jieba and the boundary test."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import read_table, read_words

# A bare level word standing for "the place of this level the text is about" (区委党校).
LEVEL_WORDS = {"省": ("Province",), "市": ("City",), "区": ("District",), "县": ("County",),
               "旗": ("County",), "乡": ("Township",), "镇": ("Town",), "小区": ("ResidentialCompound",),
               "社区": ("Community",), "村": ("Village",)}
# Place names below the county read from the text: suffix -> class, in the order tried, and the
# township-level ones, taken only when written after their county (local_place_suffixes.tsv).
LOCAL_PLACE_SUFFIXES = {row[0]: row[1] for row in read_table("local_place_suffixes.tsv")}
CHAIN_ONLY = {row[0] for row in read_table("local_place_suffixes.tsv") if row[2] == "chain-only"}
STREET_SUFFIXES = ("路", "街", "巷", "大道")
MAX_PLACE_LEN = 10
MAX_CORE = 10
MAX_PROJECT = 24


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # place | person | org | thing
    cls: str
    key: str
    label: str
    variants: set[str] = field(default_factory=set)
    parent: str | None = None
    code: str | None = None
    org: str | None = None  # key of the organisation this one is part of
    idx: int | None = None
    nested: bool = False
    surface_ok: bool = True
    seen: set[str] = field(default_factory=set)  # the surface is a name of the entity (not a bare 区委党校)


class _SpanIndex:
    """Spans (fixed positions) looked up by range without scanning them all: what a scan of the
    whole list did for every candidate name, which grew with the square of an article's length.
    Answers come in the list's own order, as the scans gave them."""

    def __init__(self, spans: Iterable[_Span]):
        self.items = sorted(enumerate(spans), key=lambda item: item[1].start)
        self.starts = [s.start for _i, s in self.items]
        self.longest = max((s.end - s.start for _i, s in self.items), default=0)

    def inside(self, lo: int, hi: int) -> list[_Span]:
        """The spans with ``lo <= start`` and ``end <= hi``, in list order."""
        found = self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]
        return [s for _i, s in sorted(found, key=lambda item: item[0]) if s.end <= hi]

    def around(self, lo: int, hi: int) -> _Span | None:
        """The first span (in list order) with ``start <= lo`` and ``hi <= end``, or None."""
        found = self.items[bisect_left(self.starts, hi - self.longest):bisect_right(self.starts, lo)]
        return min(((i, s) for i, s in found if s.end >= hi), key=lambda item: item[0],
                   default=(None, None))[1]


@dataclass
class PageContext:
    """What a whole page says about places, shared by its articles: gazetteer indices of the
    places it names (with their ancestors) and the keys of villages, communities and
    compounds it places in a chain (岗上村 -> its key under 屯留区). ``scans`` keeps the
    gazetteer places that :func:`page_context` found in each text with these ``places``, for
    the first :func:`find_mentions` of that text to take instead of scanning it again."""

    places: set[int] = field(default_factory=set)
    local: dict[str, str] = field(default_factory=dict)
    shadowed: frozenset[str] = frozenset()  # short forms the page uses for a place of its own
    # (玉林 of 玉林街道 in a Chengdu page): no city far away there; see places.page_context
    scans: dict[str, list[_Span]] = field(default_factory=dict, repr=False, compare=False)
    initials: tuple | None = field(default=None, repr=False, compare=False)  # see
    # kg.mentions.names._initials


# ---------------------------------------------------------------- lexicons (data files)

@lru_cache(maxsize=1)
def _lexicons():
    suffixes = {}
    for row in read_table("org_suffixes.tsv"):
        suffixes[row[0]] = (row[1], row[2])
    bodies = {}
    for row in read_table("functional_bodies.tsv"):
        standard = row[0]
        forms = [standard] + [f for f in (row[1].split("|") if len(row) > 1 and row[1] else [])]
        for form in forms:
            bodies.setdefault(form, standard)
    titles = {row[0]: row[1] for row in read_table("titles.tsv")}
    surnames = set()
    surnames.update(read_words("surnames.tsv"))
    things = {row[0]: row[1] for row in read_table("named_things.tsv")}
    events = {row[0]: (row[1], row[2]) for row in read_table("known_events.tsv")}
    programs = {row[0]: row[1] for row in read_table("program_patterns.tsv")}
    provinces = {row[0]: row[1] for row in read_table("province_abbreviations.tsv")}
    suffix_list = sorted(suffixes, key=len, reverse=True)
    body_list = sorted(bodies, key=len, reverse=True)
    boundary = sorted(read_words("boundary_words.tsv"), key=len, reverse=True)
    title_list = sorted(titles, key=len, reverse=True)
    return {
        "suffixes": suffixes,
        "suffix_list": suffix_list,
        "suffix_by_last": _by_char(suffix_list, -1),
        "suffix_by_first": _by_char(suffix_list, 0),
        "suffix_extensions": {s: tuple(x for x in suffix_list if len(x) > len(s) and x.startswith(s))
                              for s in suffix_list},  # 委 -> 委党校, 委组织部 …: longer bodies it begins
        "suffix_last_chars": re.compile("[" + "".join(sorted({w[-1] for w in suffixes})) + "]"),
        "bodies": bodies,
        "body_list": body_list,
        "body_by_last": _by_char(body_list, -1),
        "body_by_first": _by_char(body_list, 0),
        "titles": titles,
        "title_list": title_list,
        "title_by_first": _by_char(title_list, 0),
        "surnames": surnames,
        "name_stops": set(read_words("name_stops.tsv")),
        "boundary": boundary,
        "boundary_by_last": _by_char(boundary, -1),
        "generic": {row[0] for row in read_table("generic_cores.tsv") if "place-less" not in row[1]},
        "placeless_generic": {row[0] for row in read_table("generic_cores.tsv")
                              if "place-less" in row[1]},  # 农民专业合作社 alone; 吾元村… is a name
        "project_generic": {row[0] for row in read_table("generic_cores.tsv")
                            if not row[1].startswith("generic modifier")}
        | set(read_words("project_generic.tsv")),
        "exceptions_by_last": _by_char(read_words("suffix_exceptions.tsv"), -1),
        "things": things,
        "thing_list": sorted(things, key=len, reverse=True),
        "events": events,
        "programs": programs,
        "program_list": sorted(programs, key=len, reverse=True),
        "provinces": provinces,
        "national": read_words("national_prefixes.tsv"),
    }


def _by_char(words: Iterable[str], at: int) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their character at ``at`` (0 first, -1 last), each group in the order
    of ``words``: the words that can end at an offset are the group of the character before it."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[at], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _jieba():
    """jieba's part-of-speech tokenizer, loaded once and quietly."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.posseg


def _word_freq() -> dict[str, int]:
    """jieba's dictionary frequencies: how common a word is in general text."""
    import jieba

    _jieba()
    return jieba.dt.FREQ


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` (its first character) is a CJK ideograph, U+3400 to U+9FFF."""
    return "\u3400" <= ch[:1] <= "\u9fff"


def _ends_with_boundary(text: str, pos: int) -> bool:
    """Whether a boundary word ends at ``pos``. A one-character one (和, 与, 在) counts only
    where jieba cuts the text around it, so 雍和宫 is no boundary."""
    window_start = max(0, pos - 4)
    head = text[window_start:pos]
    group = _lexicons()["boundary_by_last"].get(head[-1:], ())
    if not head.endswith(group):  # one test for the group: most often none ends here
        return False
    word = next(w for w in group if head.endswith(w))
    if len(word) > 1:
        return True
    cuts = _word_starts(text[window_start:pos + 3])
    return pos - 1 - window_start in cuts and pos - window_start in cuts


@lru_cache(maxsize=65536)
def _word_starts(window: str) -> frozenset[int]:
    """Offsets in ``window`` where jieba (dictionary only, no HMM) starts a word. Cached: the
    same short windows recur across an archive."""
    starts, at = set(), 0
    for token in _jieba().dt.tokenizer.cut(window, HMM=False):
        starts.add(at)
        at += len(token)
    return frozenset(starts)


@lru_cache(maxsize=65536)
def _pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``text`` with their part-of-speech tags: ((word, flag), ...). Cached:
    the cores of names recur across an archive."""
    return tuple((w.word, w.flag) for w in _jieba().cut(text))


def _matches(pattern: re.Pattern[str] | str, text: str, needed: re.Pattern[str] | str
             ) -> Iterator[re.Match[str]]:
    """``re.finditer(pattern, text)``, or nothing at once when ``needed`` -- a regex led by a
    literal that every match of ``pattern`` holds (its closing words: 等产品) -- is not found:
    one quick scan instead of trying a backtracking list pattern at every offset."""
    return re.finditer(pattern, text) if re.search(needed, text) else iter(())


def _written_at(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (not empty) is written in ``text``, left to right, not overlapping: what
    a regex of the word finds, without compiling one per word (the names of every article's
    companies would crowd the regex cache)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _char_before(text: str, end: int) -> str:
    """The character that a word ending at ``end`` ends with ("" at the start)."""
    end = min(end, len(text))
    return text[end - 1] if end > 0 else ""


def _suffix_at(text: str, end: int) -> str | None:
    """The longest organisation body word ending at ``end``."""
    group = _lexicons()["suffix_by_last"].get(_char_before(text, end), ())
    if not text.endswith(group, 0, end):  # one test for the group: most often none ends here
        return None
    return next(s for s in group if text.endswith(s, 0, end))


def _body_at(text: str, end: int, suffix: str) -> tuple[int, str, str | None]:
    """A standard body name or short form ending at ``end`` (发改局 -> 发展和改革局):
    (start, standard name, its class); else the suffix itself."""
    lex = _lexicons()
    group = lex["body_by_last"].get(_char_before(text, end), ())
    if not text.endswith(group, 0, end):  # one test for the group: most often none ends here
        return end - len(suffix), suffix, None
    for form in group:
        if len(form) >= len(suffix) and text.endswith(form, 0, end):
            return end - len(form), lex["bodies"][form], _class_of_body(lex["bodies"][form])
    return end - len(suffix), suffix, None


@lru_cache(maxsize=None)
def _class_of_body(body: str) -> str | None:
    for row in read_table("functional_bodies.tsv"):
        if row[0] == body:
            return row[2] if len(row) > 2 else None
    return None
