"""Stage 2: mentions, the spans of an article that name an entity.

``find_mentions(article, context)`` returns :class:`~kg.model.Mention` records, each with the
key of the real-world entity it names, so that the entity stage only has to merge by key.
What is found, in this order (a later finder never overlaps an earlier one's span):

1. places, by longest match against the gazetteer (full names; short forms such as 屯留 when
   the page context or the word's rarity makes them safe), chained (北京东城区, 上村镇小南村)
   and extended by villages, communities and residential compounds (X村, X社区, X小区);
2. people: bylines, a title or role word before a surname and given name (校长邢瑛, 居民李秀萍,
   83岁的周冬莲, 名叫阮秋云), and every later use of a name found so;
3. cooperation programmes (京长对口合作, “屯东”合作), known events (服贸会), quoted names with a
   type word (“屯留美食进东城”美食节, “名医馆”项目, “葵花小镇”瓜子), ordinal events (第38届龙潭庙会)
   and project names ending in 项目;
4. organisations and facilities: a place (written, or a bare level word such as 区 in 区委党校
   resolved to the nearest place of that level, or inherited from the list it stands in) +
   a proper name + a body word from ``resources/org_suffixes.tsv``.

Every list, suffix and trigger lives in ``kg/resources``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import Gazetteer, load as load_gazetteer
from .model import Article, Mention
from .resources import read_lines, read_table, read_words

CJK = re.compile(r"[\u3400-\u9fff]")
# A bare level word standing for "the place of this level the text is about" (区委党校).
LEVEL_WORDS = {"省": ("Province",), "市": ("City",), "区": ("District",), "县": ("County",),
               "旗": ("County",), "乡": ("Township",), "镇": ("Town",), "小区": ("ResidentialCompound",),
               "社区": ("Community",), "村": ("Village",)}
LOCAL_PLACE_SUFFIXES = {"村": "Village", "嘎查": "Village", "社区": "Community",
                        "小区": "ResidentialCompound", "街道": "Subdistrict", "镇": "Town",
                        "乡": "Township", "苏木": "Township"}
# Township-level names are taken from the text only when written after their county.
CHAIN_ONLY = {"街道", "镇", "乡", "苏木"}
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


@dataclass
class PageContext:
    """What a whole page says about places, shared by its articles: gazetteer indices of the
    places it names (with their ancestors) and the keys of villages, communities and
    compounds it places in a chain (岗上村 -> its key under 屯留区)."""

    places: set[int] = field(default_factory=set)
    local: dict[str, str] = field(default_factory=dict)


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
    for line in read_lines("surnames.txt"):
        surnames.update(line.split())
    things = {row[0]: row[1] for row in read_table("named_things.tsv")}
    events = {row[0]: (row[1], row[2]) for row in read_table("known_events.tsv")}
    programs = {row[0]: row[1] for row in read_table("program_patterns.tsv")}
    provinces = {row[0]: row[1] for row in read_table("province_abbreviations.tsv")}
    return {
        "suffixes": suffixes,
        "suffix_list": sorted(suffixes, key=len, reverse=True),
        "bodies": bodies,
        "body_list": sorted(bodies, key=len, reverse=True),
        "titles": titles,
        "title_list": sorted(titles, key=len, reverse=True),
        "surnames": surnames,
        "name_stops": set(read_words("name_stops.tsv")),
        "boundary": sorted(read_words("boundary_words.tsv"), key=len, reverse=True),
        "generic": set(read_words("generic_cores.tsv")),
        "project_generic": set(read_words("generic_cores.tsv")) | set(read_words("project_generic.tsv")),
        "exceptions": set(read_words("suffix_exceptions.tsv")),
        "things": things,
        "thing_list": sorted(things, key=len, reverse=True),
        "events": events,
        "programs": programs,
        "program_list": sorted(programs, key=len, reverse=True),
        "provinces": provinces,
        "national": read_words("national_prefixes.tsv"),
    }


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
    return bool(CJK.match(ch))


# ---------------------------------------------------------------- places

def _resolve(gaz: Gazetteer, cands: list[int], prev: int | None, ctx: set[int]) -> int | None:
    """Pick the division a name means: one inside the place written just before it, else one
    the page context names, else the only or the highest-level candidate."""
    if prev is not None:
        inside = [i for i in cands if prev in gaz.ancestors(i)]
        if inside:
            return inside[0]
    if ctx:
        named = [i for i in cands if i in ctx]
        if named:
            return named[0]
        near = [i for i in cands if set(gaz.ancestors(i)) & ctx]
        if near:
            return near[0]
    if len(cands) == 1:
        return cands[0]
    top = min(gaz.places[i].level for i in cands)
    best = [i for i in cands if gaz.places[i].level == top]
    return best[0] if len(best) == 1 else None


def _alias_ok(gaz: Gazetteer, idx: int | None, cands: list[int], alias: str, prev: int | None,
              ctx: set[int], strict: bool) -> bool:
    """A short form (屯留, 东城) is safe for a province, prefecture or country; for a county
    when the page names it or its prefecture, when it follows its parent, or when the short
    form is written right after its parent."""
    if idx is None:
        return False
    place = gaz.places[idx]
    if place.level <= 1:
        return True
    if strict:
        return False
    if prev is not None and prev in gaz.ancestors(idx):
        return True
    return idx in ctx or (place.parent is not None and place.parent in ctx)


def _full_name_ok(gaz: Gazetteer, idx: int | None, prev: int | None, ctx: set[int]) -> bool:
    """A full name of a township or lower needs its county in the page context or written
    just before it (上村镇 in a page about 屯留区); higher levels stand alone."""
    if idx is None:
        return False
    place = gaz.places[idx]
    if place.level < 3:
        return True
    ancestors = {i for i in gaz.ancestors(idx) if gaz.places[i].level >= 1}
    return (prev is not None and prev in ancestors) or bool(ancestors & ctx)


def scan_places(text: str, gaz: Gazetteer, ctx: set[int], masked: list[bool] | None = None,
                strict: bool = False) -> list[_Span]:
    """Gazetteer places in ``text`` by longest match, left to right. ``strict`` accepts only
    full names and province/prefecture short forms (used to build the page context)."""
    n, i, out = len(text), 0, []
    prev_end, prev_idx = -1, None
    while i < n:
        if (masked and masked[i]) or not _is_cjk(text[i]):
            i += 1
            continue
        hit = None
        chained = prev_idx if prev_end == i else None
        for length in range(min(MAX_PLACE_LEN, n - i), 1, -1):
            s = text[i:i + length]
            cands, alias = gaz.lookup(s), False
            if not cands:
                cands, alias = gaz.lookup_alias(s), True
            if not cands:
                continue
            idx = _resolve(gaz, cands, chained, ctx)
            if alias and not _alias_ok(gaz, idx, cands, s, chained, ctx, strict):
                continue
            if not alias and not _full_name_ok(gaz, idx, chained, ctx) and \
                    not (idx is None and all(gaz.places[c].level < 3 for c in cands)):
                continue
            hit = (length, idx, cands)
            break
        if hit is None:
            i += 1
            continue
        length, idx, cands = hit
        out.append(_place_span(gaz, text, i, i + length, idx, cands))
        prev_end, prev_idx = i + length, idx
        i += length
    return out


def _place_key(gaz: Gazetteer, idx: int) -> str:
    return "place/" + "/".join(gaz.path(idx))


def _place_span(gaz: Gazetteer, text: str, start: int, end: int, idx: int | None,
                cands: list[int]) -> _Span:
    surface = text[start:end]
    if idx is None:  # ambiguous without context: one node per name
        place = gaz.places[cands[0]]
        return _Span(start, end, "place", place.cls, f"place/{place.name}", place.name)
    place = gaz.places[idx]
    variants = {place.name}
    if place.alias:
        variants.add(place.alias)
    parent = gaz.places[place.parent] if place.parent is not None else None
    label = place.name
    if parent is not None:
        variants.add(parent.name + place.name)
        if parent.level == 0 and parent.cls == "City":  # district of a municipality
            label = parent.name + place.name
    span = _Span(start, end, "place", place.cls, _place_key(gaz, idx), label, variants,
                 _place_key(gaz, place.parent) if place.parent is not None else None,
                 place.code, idx=idx)
    span.variants.add(surface)
    return span


def _local_places(text: str, gaz: Gazetteer, places: list[_Span], ctx: PageContext,
                  taken: list[bool]) -> list[_Span]:
    """Villages, communities and residential compounds: X村 written after its township or
    county (上村镇小南村), a name the page placed so elsewhere, or one the gazetteer lists
    under a place the page names; X社区/X小区 after a clause boundary."""
    out = []
    ends = {p.end: p for p in places}
    suffix_re = "|".join(LOCAL_PLACE_SUFFIXES)
    for m in re.finditer(rf"(?={suffix_re})", text):
        pos = m.start()
        suffix = next(s for s in LOCAL_PLACE_SUFFIXES if text.startswith(s, pos))
        end = pos + len(suffix)
        if any(taken[pos:end]):
            continue
        if suffix in ("镇", "乡") and (text[end:end + 1] in "村" or text[pos - 1:pos] == "小"):
            continue  # 乡村, 小镇 are common nouns
        if suffix == "社区" and pos > 0 and text[pos - 1] == "小":
            continue
        if _inside_body_name(text, pos, end) or _common_tail(text, pos, end):
            continue
        found = None
        for core_len in range(1, 5):
            start = pos - core_len
            if start < 0 or not all(_is_cjk(c) for c in text[start:pos]) or any(taken[start:pos]):
                break
            name = text[start:end]
            anchor = _chain_anchor(text, start, ends)
            listed = isinstance(anchor, _Span) and anchor.idx is not None and \
                anchor.idx in gaz.villages(name)
            if not listed and any(_ends_with_boundary(text, k) and not (
                    text[k - 1] in "和与及" and k - 1 > start) for k in range(start + 1, pos + 1)):
                continue  # 交道口街道在菊儿社区: 在 belongs to no name (but 乌兰布和嘎查 is one)
            anchor = _chain_anchor(text, start, ends)
            if anchor is not None and anchor.cls not in ("Village",) and not (
                    suffix in CHAIN_ONLY and anchor.cls not in ("District", "County", "City")):
                found = (start, name, anchor)
            elif suffix in CHAIN_ONLY:
                continue
            elif name in ctx.local:
                found = found or (start, name, None)
            elif suffix in ("村", "社区", "嘎查"):
                towns = [t for t in gaz.villages(name) if t in ctx.places]
                if towns and _boundary_before(text, start):
                    found = found or (start, name, towns[0])
            if found and found[2] is not None:
                break
        if found is None and suffix in ("社区", "小区"):
            start = pos - 2
            core = text[start:pos]
            if start >= 0 and all(_is_cjk(c) for c in core) and core not in _lexicons()["generic"] \
                    and _word_freq().get(core, 0) < 100 \
                    and _boundary_before(text, start) and not any(taken[start:pos]):
                found = (start, text[start:end], None)
        if found is None:
            continue
        start, name, anchor = found
        cls = LOCAL_PLACE_SUFFIXES[suffix]
        if isinstance(anchor, int):
            parent_key = _place_key(gaz, anchor)
        elif anchor is not None:
            parent_key = anchor.key
        else:
            parent_key = None
        key = ctx.local.get(name) or (f"{parent_key}/{name}" if parent_key else f"place/{name}")
        if name in ctx.local and ctx.local[name].count("/") > 1:
            parent_key = ctx.local[name].rsplit("/", 1)[0]  # placed on the page: 上村镇小南村
        span = _Span(start, end, "place", cls, key, name, {name}, parent_key)
        if cls == "Village" and len(name) == 3:
            span.variants.add(name[:-1])  # 小南村 is also called 小南
        out.append(span)
        ends[end] = span
        for k in range(start, end):
            taken[k] = True
    return out


def _inside_body_name(text: str, pos: int, end: int) -> bool:
    """Whether a standard body name runs through this place word (农业农村局, 社区卫生服务中心)."""
    for form in _lexicons()["body_list"]:
        for start in range(max(0, end - len(form)), pos + 1):
            if text.startswith(form, start) and start + len(form) > end:
                return True
    return False


def _common_tail(text: str, pos: int, end: int) -> bool:
    """Whether a one-character place word (村, 镇, 乡) ends a common word (乡村, 农村, 小镇):
    jieba's dictionary has the two characters ending there as a frequent non-place word."""
    word = text[max(0, pos - 1):end]
    return end - pos == 1 and len(word) == 2 and _word_freq().get(word, 0) > 1000 and \
        not (_jieba().dt.word_tag_tab.get(word) or "").startswith("ns")


def _chain_anchor(text: str, start: int, ends: dict[int, _Span]) -> _Span | None:
    """The place written right before ``start``, skipping one street name (英雄南路)."""
    if start in ends:
        return ends[start]
    for back in range(2, 8):
        s = start - back
        if s in ends and text[s:start].endswith(STREET_SUFFIXES) and \
                all(_is_cjk(c) for c in text[s:start]):
            return ends[s]
    return None


def _boundary_before(text: str, start: int) -> bool:
    """Whether a name may begin at ``start``: after a non-CJK character or a boundary word."""
    return start == 0 or not _is_cjk(text[start - 1]) or _ends_with_boundary(text, start)


def page_context(texts: list[str]) -> PageContext:
    """The places a page names (full names and province/prefecture short forms, with their
    ancestors) and the villages it places in a chain, for :func:`find_mentions`."""
    gaz = load_gazetteer()
    ctx = PageContext()
    for text in texts:
        for span in scan_places(text, gaz, set(), strict=True):
            if span.idx is not None:
                ctx.places.add(span.idx)
                ctx.places.update(gaz.ancestors(span.idx))
    for text in texts:
        places = scan_places(text, gaz, ctx.places)
        taken = [False] * len(text)
        for p in places:
            for k in range(p.start, p.end):
                taken[k] = True
        for span in _local_places(text, gaz, places, ctx, taken):
            if span.parent and span.label not in ctx.local:
                ctx.local[span.label] = span.key
    return ctx


# ---------------------------------------------------------------- people

def _given_name(text: str, start: int, lex) -> int | None:
    """End offset of a surname + given name starting at ``start`` (two to four characters)."""
    sur = 2 if text[start:start + 2] in lex["surnames"] else 1
    if sur == 1 and text[start] not in lex["surnames"]:
        return None
    first = start + sur
    if first >= len(text) or not _is_cjk(text[first]) or text[first] in lex["name_stops"]:
        return None
    end = first + 1
    if end < len(text) and _is_cjk(text[end]) and text[end] not in lex["name_stops"]:
        if not any(text.startswith(t, end) for t in lex["title_list"]) and \
                not _common_word(text[end:end + 2], 1000):
            end += 1  # 王欢参加: 参加 is a word, so the name is 王欢
    name = text[start:end]
    if _common_word(name[:2]) or _common_word(name):
        return None  # a common word, not a name (书记全部下沉)
    return end


def _common_word(word: str, threshold: int = 100) -> bool:
    """A word jieba's dictionary knows as frequent (above ``threshold``) and not as a
    person's name."""
    if len(word) < 2 or _word_freq().get(word, 0) <= threshold:
        return False
    return not (_jieba().dt.word_tag_tab.get(word) or "").startswith("nr")


def _people(article: Article, taken: list[bool]) -> list[_Span]:
    lex = _lexicons()
    text = article.text
    found: dict[str, str] = {}  # name -> title
    spans = []

    def add(start: int, end: int) -> None:
        if any(taken[start:end]):
            return
        name = text[start:end]
        spans.append(_Span(start, end, "person", "Person", f"person/{name}", name, {name}))
        for k in range(start, end):
            taken[k] = True

    for b in article.bylines:
        found.setdefault(b.name, b.title)
        add(b.start, b.end)
    titles = "|".join(map(re.escape, lex["title_list"]))
    intro = rf"(?:{titles})|\d+岁的(?:{titles})?|名叫|叫做"
    for m in re.finditer(rf"(?:{intro})\s?", text):
        start = m.end()
        if start < len(text) and not any(taken[m.start():start]):
            end = _given_name(text, start, lex)
            if end:
                found.setdefault(text[start:end], "")
    for m in re.finditer(r"([\u4e00-\u9fff]{2,4})(?=同志|先生|女士)", text):  # 牛海江同志
        for size in (3, 2, 4):
            name = m.group(1)[-size:]
            if len(name) == size and _given_name(text, m.end() - size, lex) == m.end():
                found.setdefault(name, "")
                break
    for m in re.finditer(r"[（(]([\u4e00-\u9fff])\s?([\u4e00-\u9fff]{1,2})[）)]\s*(?:\n|$)", text):
        name = m.group(1) + m.group(2)  # a signature at the end of a story: （王 佳）
        if m.group(1) in lex["surnames"]:
            found.setdefault(name, "")
            start = m.start(1)
            if not any(taken[start:m.end(2)]):
                spans.append(_Span(start, m.end(2), "person", "Person", f"person/{name}", name,
                                   {name, text[start:m.end(2)]}))
                for k in range(start, m.end(2)):
                    taken[k] = True
    for m in re.finditer(r"(?:^|[。！？；，\n])([\u4e00-\u9fff]{2,3})(?=说|表示|介绍|告诉|被)", text):
        name = m.group(1)
        if name[0] in lex["surnames"] and _word_freq().get(name, 0) == 0 \
                and _word_freq().get(name[:2], 0) <= 100:
            found.setdefault(name, "")
    # people listed beside a known one: 张伟、李强、王芳等
    for m in re.finditer(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+", text):
        items = [item[:-1] if item.endswith("等") else item for item in m.group(0).split("、")]
        if not any(item.endswith(name) for item in items for name in found):
            continue
        for item in items:
            for cand in (item, item[-3:], item[-2:]):
                if len(cand) >= 2 and _given_name(cand + "。", 0, lex) == len(cand):
                    found.setdefault(cand, "")
                    break
    for name in sorted(found, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            add(m.start(), m.end())
    return spans


# ---------------------------------------------------------------- programmes, events, things

def _programs(text: str, gaz: Gazetteer, ctx: PageContext, taken: list[bool]) -> list[_Span]:
    """京长对口合作, “屯东”合作: two characters that each abbreviate a place the page names
    (a short form's first character, or a province abbreviation) and a cooperation word."""
    lex = _lexicons()
    initials = {}
    for i in ctx.places:
        p = gaz.places[i]
        for form in (p.name, p.alias or ""):
            if form:
                initials.setdefault(form[0], i)
    for abbr, province in lex["provinces"].items():
        for i in gaz.lookup(province):
            initials.setdefault(abbr, i)
    out = []
    words = "|".join(map(re.escape, lex["program_list"]))
    for m in re.finditer(rf"“?([\u4e00-\u9fff])([\u4e00-\u9fff])”?({words})", text):
        a, b = m.group(1), m.group(2)
        quoted = m.group(0).startswith("“")
        word = m.group(3)
        if a == b or a not in initials or b not in initials or initials[a] == initials[b]:
            continue
        if word == "合作" and not quoted:
            continue  # 京长合作 needs its quotes (“屯东”合作); 京蒙协作 does not
        if any(taken[m.start():m.end()]):
            continue
        canonical = a + b + lex["programs"][word]
        span = _Span(m.start(), m.end(), "thing", "CooperationProgram", f"program/{a}{b}",
                     canonical, {canonical, a + b + word, a + b + "合作"})
        out.append(span)
        for k in range(m.start(), m.end()):
            taken[k] = True
    return out


def _thing_suffix(text: str, pos: int, limit: int = 12) -> tuple[int, str] | None:
    """The type word (项目, 美食节, 瓜子, 活动室 …) that ends a name written from ``pos`` on,
    within ``limit`` characters and with no punctuation or boundary word between:
    (end offset, class). Facility words come from the organisation suffix table."""
    lex = _lexicons()
    facility = [w for w in lex["suffix_list"] if lex["suffixes"][w][1] == "named"]
    words = sorted(set(lex["thing_list"]) | set(facility), key=len, reverse=True)
    for k in range(pos, min(len(text), pos + limit)):
        if not (text[k].isalnum() or _is_cjk(text[k])):
            return None
        if k > pos and any(text.endswith(w, pos, k) for w in lex["boundary"] if len(w) > 1 or w == "的"):
            return None
        for suffix in words:
            if text.startswith(suffix, k):
                if suffix == "活动" and text.startswith("系列活动", k - 2):
                    continue
                cls = lex["things"].get(suffix) or lex["suffixes"][suffix][0]
                if cls == "Product" and k > pos:
                    continue  # a product word follows its quoted brand directly
                return k + len(suffix), cls
    return None


def _things(text: str, taken: list[bool]) -> list[_Span]:
    lex = _lexicons()
    out = []

    def add(start, end, cls, key_name, label, variants):
        if any(taken[start:end]):
            return
        is_org = cls not in ("Project", "Event", "Product", "Facility", "HistoricSite")
        key = f"org/{label}" if is_org else f"{cls.lower()}/{key_name}"  # “博爱”卫生站 = 博爱卫生站
        span = _Span(start, end, "org" if is_org else "thing", cls, key, label,
                     {v for v in variants if v})
        out.append(span)
        for k in range(start, end):
            taken[k] = True

    for short, (full, cls) in lex["events"].items():
        for m in re.finditer(re.escape(short), text):
            add(m.start(), m.end(), cls, full, full, {short, full})
    # quoted names: “双师课堂”, “屯留美食进东城”美食节, “长相伴 致未来”是…项目
    for m in re.finditer(r"“([^“”\n]{2,20})”", text):
        name = re.sub(r"\s+", "", m.group(1))
        if re.search(r"[，。、！？：；]", name):
            continue
        start, end = m.start(), m.end()
        ordinal = re.search(r"第[0-9一二三四五六七八九十百]+届$", text[max(0, start - 6):start])
        if ordinal:
            start -= len(ordinal.group(0))
        typed = _thing_suffix(text, end)
        if typed and text[typed[0] - 2:typed[0]] == "项目":
            continue  # see _projects
        if typed:
            stop, cls = typed
            full = (ordinal.group(0) if ordinal else "") + name + text[end:stop]
            add(start, stop, cls, name, full, {name, full, name + text[end:stop]})
            continue
        copula = re.match(r"是([\u4e00-\u9fff]{2,30}?(项目|活动|工程))", text[end:end + 34])
        if copula:
            cls = "Project" if copula.group(2) != "活动" else "Event"
            add(start, end, cls, name, name, {name, copula.group(1)})
            for k in range(end + 1, end + copula.end()):
                taken[k] = True  # the phrase after 是 names the same thing
            continue
        own = next((s for s in lex["thing_list"] if name.endswith(s)), None)
        if own and lex["things"][own] in ("Project", "Event"):
            add(start, end, lex["things"][own], name, name, {name})
            continue
        suffix = next((s for s in lex["suffix_list"] if name.endswith(s)), None)
        if suffix and lex["suffixes"][suffix][0] in ("Facility", "HistoricSite") and len(name) > len(suffix):
            cls = lex["suffixes"][suffix][0]
            add(start, end, cls, name, name, {name})
    # ordinal events: 第38届龙潭庙会(展销活动)
    for m in re.finditer(r"第[0-9一二三四五六七八九十百]+届([\u4e00-\u9fff]{2,8}?)(?=[\u4e00-\u9fff]*)", text):
        typed = None
        for k in range(m.start(1) + 2, min(len(text), m.start(1) + 10)):
            for suffix in lex["thing_list"]:
                if lex["things"][suffix] == "Event" and text.startswith(suffix, k):
                    typed = (k + len(suffix), suffix)
                    break
            if typed:
                break
        if not typed:
            continue
        stop, suffix = typed
        core = text[m.start(1):stop]
        tail = _thing_suffix(text, stop, 4)
        full_end = tail[0] if tail and tail[1] == "Event" else stop
        add(m.start(), full_end, "Event", core, m.group(0)[:m.start(1) - m.start()] + core,
            {core, text[m.start():full_end], text[m.start(1):full_end]})
    # product lists: A、B、C等产品
    for m in re.finditer(r"((?:[\u4e00-\u9fff“”]{2,12}、)+[\u4e00-\u9fff“”]{2,12})等(?:产品|农产品|特产)", text):
        pos = m.start(1)
        for item in m.group(1).split("、"):
            clean = item.replace("“", "").replace("”", "")
            if 2 <= len(clean) <= 10 and not any(taken[pos:pos + len(item)]):
                add(pos, pos + len(item), "Product", clean, clean, {clean})
            pos += len(item) + 1
    return out


_HARD_STOPS = set("的了在与和及是为由将从到向对等赴")
_HARD_STOP_WORDS = ("各类", "各种", "各项", "一批", "多个", "相关", "有关", "一些")
_NON_NAME_TAGS = ("v", "t", "d", "r", "p", "c", "u", "m", "q", "f")


def _name_part(core: str) -> str:
    """What is left of a name's core once generic words (合作, 重点, 示范 …) and words that are
    no part of a name (verbs, time words, pronouns, by jieba's tags) are removed."""
    lex = _lexicons()
    for word in sorted(lex["project_generic"], key=len, reverse=True):
        core = core.replace(word, "")
    return "".join(w.word for w in _jieba().cut(core)
                   if not (w.flag.startswith(_NON_NAME_TAGS) and w.flag != "vn"))


def _projects(text: str, places: list[_Span], taken: list[bool]) -> list[_Span]:
    """Project names ending in 项目, quoted parts and the places written in them included
    (上村镇小南村“千万工程”示范村项目). Scanning left from 项目 stops at punctuation, a one-character
    function word, another mention, or a boundary word once a name stands after it."""
    out = []
    for m in re.finditer("项目", text):
        end = m.end()
        if taken[m.start()]:
            continue
        pos = m.start()
        while pos > 0 and m.start() - pos < MAX_PROJECT:
            ch = text[pos - 1]
            if ch in "“”":
                pos -= 1
                continue
            if not _is_cjk(ch) or taken[pos - 1] or ch in _HARD_STOPS or \
                    text.endswith(_HARD_STOP_WORDS, 0, pos):
                break
            if _ends_with_boundary(text, pos) and len(_name_part(_unquote(text[pos:m.start()]))) >= 2:
                break
            pos -= 1
        while pos < end and text[pos] in "“”":
            pos += 1
        name = _unquote(text[pos:end])
        inner = [p for p in places if pos <= p.start and p.end <= m.start()]
        core = name[:-2]
        for p in inner:
            core = core.replace(text[p.start:p.end], "")
        if len(_name_part(core)) < 2:
            continue
        # keep what follows the last boundary-free stretch: drop a leading verb (建设上村镇…)
        first = min((p.start for p in inner), default=None)
        if first is not None and first > pos and len(_name_part(_unquote(text[pos:first]))) == 0:
            pos = first
            name = _unquote(text[pos:end])
        anchor = max(inner, key=lambda p: p.end) if inner else None
        span = _Span(pos, end, "thing", "Project", f"project/{name}", name, {name},
                     anchor.key if anchor else None)
        out.append(span)
        for k in range(pos, end):
            taken[k] = True
    return out


def _unquote(text: str) -> str:
    return text.replace("“", "").replace("”", "")


# ---------------------------------------------------------------- organisations

def _suffix_at(text: str, end: int) -> str | None:
    """The longest organisation body word ending at ``end``."""
    for s in _lexicons()["suffix_list"]:
        if text.endswith(s, 0, end):
            return s
    return None


def _body_at(text: str, end: int, suffix: str) -> tuple[int, str, str | None]:
    """A standard body name or short form ending at ``end`` (发改局 -> 发展和改革局):
    (start, standard name, its class); else the suffix itself."""
    lex = _lexicons()
    for form in lex["body_list"]:
        if len(form) >= len(suffix) and text.endswith(form, 0, end):
            return end - len(form), lex["bodies"][form], _class_of_body(lex["bodies"][form])
    return end - len(suffix), suffix, None


@lru_cache(maxsize=None)
def _class_of_body(body: str) -> str | None:
    for row in read_table("functional_bodies.tsv"):
        if row[0] == body:
            return row[2] if len(row) > 2 else None
    return None


def _trim_core(core: str) -> str:
    """Drop leading words of a place-less name that cannot start a proper name (verbs,
    adverbs, pronouns, time words: 说起活动室 -> 活动室), by jieba's part-of-speech tags."""
    words = list(_jieba().cut(core))
    keep = 0
    for i, w in enumerate(words):
        if w.flag[:1] in ("v", "d", "r", "p", "c", "u", "t", "m", "q", "f", "s", "l", "i") \
                and w.flag != "vn":
            keep = i + 1
    return "".join(w.word for w in words[keep:])


class _OrgFinder:
    """Organisation and facility names in one article (see the module docstring, step 4)."""

    def __init__(self, text: str, places: list[_Span], prior: list[_Span], taken: list[bool]):
        self.text, self.places, self.taken = text, places, taken
        self.lex = _lexicons()
        self.place_by_end = {p.end: p for p in places if not p.nested}
        self.place_cover = {k for p in places for k in range(p.start, p.end)}
        self.ends = {s.end: s for s in prior}
        self.out: list[_Span] = []

    def run(self) -> list[_Span]:
        text = self.text
        for j in range(1, len(text) + 1):
            suffix = _suffix_at(text, j)
            if suffix is None or any(self.taken[j - len(suffix):j]) or \
                    (j - len(suffix)) in self.place_cover:
                continue
            if any(len(x) > len(suffix) and text.endswith(x, 0, j) for x in self.lex["exceptions"]) \
                    and (j - len(suffix)) not in self.place_by_end:
                continue
            begin = j - len(suffix)
            if any(len(x) > len(suffix) and x.startswith(suffix) and text.startswith(x, begin)
                   for x in self.lex["suffix_list"]):
                continue  # 区委 in 区委党校: the longer body ends further on
            if suffix.endswith("中心") and any(text.startswith(x, j) for x in self.lex["suffix_list"]
                                             if self.lex["suffixes"][x][0] != "PublicInstitution"):
                continue  # 中心小学, 中心卫生院: 中心 only qualifies the next body word
            if len(suffix) == 1 and text[j:j + 1] == "长" and text[j - 2:j - 1] in (suffix, "副"):
                continue  # 组织部部长, 宣传部副部长: this 部 belongs to the title
            span = self._at(j, suffix)
            if span is not None:
                self._take(span)
        for m in re.finditer(r"(?=(?:企业|公司)负责人)", text):  # 北京华博科创企业负责人
            self._company_before(m.start())
        return self.out

    def _take(self, span: _Span) -> None:
        inside = [o for o in self.out if span.start <= o.start and o.end <= span.end]
        for o in inside:
            if o.key == span.org:
                o.nested = True  # 淮海工业集团 inside 淮海工业集团团委: still an entity
        self.out = [o for o in self.out if o not in inside or o.key == span.org]
        self.out.append(span)
        for k in range(span.start, span.end):
            self.taken[k] = True
        self.ends[span.end] = span

    def _at(self, j: int, suffix: str) -> _Span | None:
        text, lex = self.text, self.lex
        cls, kind = lex["suffixes"][suffix]
        body_start, body, body_cls = _body_at(text, j, suffix)
        if body_cls:
            cls, kind = body_cls, "functional"
        pos, chain, adjacent = body_start, [], None
        while pos > 0 and body_start - pos <= MAX_CORE:
            if pos in self.place_by_end:
                while pos in self.place_by_end:
                    chain.insert(0, self.place_by_end[pos])
                    pos = self.place_by_end[pos].start
                break
            if pos in self.ends and self.ends[pos].kind == "org":
                adjacent = self.ends[pos]
                break
            if not _is_cjk(text[pos - 1]) or self.taken[pos - 1]:
                break
            if _ends_with_boundary(text, pos):
                break
            pos -= 1
        place = chain[-1] if chain else None
        if body_start - (place.end if place else pos) > MAX_CORE:
            return None
        start = chain[0].start if chain else pos
        core = text[(place.end if place else pos):body_start]
        if place is None:
            for word in self.lex["national"]:
                if core == word and kind == "functional":  # 国家文物局
                    return _org_span(text, start, j, cls, None, core + body)
            bare = next((w for w in sorted(LEVEL_WORDS, key=len, reverse=True)
                         if core.startswith(w) and (len(core) > len(w) or kind == "functional")), None)
            if bare:
                place = _nearest_place(self.places, start, LEVEL_WORDS[bare])
                if place is None:
                    return None
                core = core[len(bare):]
                return self._finish(start, j, cls, kind, place, core, body, full_name=False)
        return self._finish(start, j, cls, kind, place, core, body, adjacent, body_start)

    def _finish(self, start, j, cls, kind, place, core, body, adjacent=None, body_start=None,
                full_name=True) -> _Span | None:
        """Check a candidate name (place + core + body) and make its span."""
        text, lex = self.text, self.lex
        body_start = j - len(body) if body_start is None else body_start
        if body.startswith("委") and (core or place is None or
                                      place.cls not in ("District", "County", "City", "Province")):
            return None
        if core in lex["generic"] or any(core.startswith(g) for g in ("各级", "相关", "有关", "某")):
            return None
        if body.endswith("中心") and re.search(r"(?:路|街|巷|大道)(?=.)", core):
            return None  # 和平里西街雍和宫壹中心 is a building in an address
        if adjacent is not None and place is None:
            if core.startswith("附属"):  # 山西医科大学附属第一医院
                return _subunit(text, adjacent, j, core + body, cls)
            if cls == "HistoricSite":  # 蒙藏学校旧址 is the site, not a part of the school
                name = text[adjacent.start:j]
                return _Span(adjacent.start, j, "org", cls, f"site/{name}", name, {name})
            if (not core and kind in ("subunit", "either", "functional")) or \
                    (kind in ("subunit", "either") or cls == "Facility"):
                return _subunit(text, adjacent, j, core + body, cls)
        if kind == "subunit" or (kind == "functional" and place is None):
            return None  # a list may still give it its place: see _expand_lists
        if place is None:
            core = _trim_core(core)
            start = body_start - len(core)
            if len(core) < 2:
                return None
        if not core and cls not in ("University", "Hospital") and kind != "functional" and not (
                place is not None and place.cls in ("Village", "Town", "Township", "Community")):
            return None  # 北京小学 is a school in Beijing; 长治学院, 北京朝阳医院, 北舍村小学 are names
        span = _org_span(text, start, j, cls, place, core + body, full_name)
        if body.startswith("驻") or core.startswith("驻"):
            span.parent = None  # 屯留区驻京招商联络点 stands in Beijing, not in 屯留区
            span.org = None
        return span

    def _company_before(self, end: int) -> None:
        """A company written without a suffix but followed by 企业负责人/公司负责人."""
        text = self.text
        pos = end
        while pos > 0 and end - pos < 8 and _is_cjk(text[pos - 1]) and not self.taken[pos - 1]:
            if pos in self.place_by_end or _ends_with_boundary(text, pos):
                break
            pos -= 1
        place = self.place_by_end.get(pos)
        core = text[pos:end]
        if len(core) < 2 or any(self.taken[pos:end]):
            return
        span = _org_span(text, place.start if place else pos, end, "Company", place, core)
        span.label = text[span.start:end]  # as written: 北京华博科创
        span.variants.add(text[span.start:end] + text[end:end + 2])
        self._take(span)


def _ends_with_boundary(text: str, pos: int) -> bool:
    """Whether a boundary word ends at ``pos``. A one-character one (和, 与, 在) counts only
    where jieba cuts the text around it, so 雍和宫 is no boundary."""
    head = text[max(0, pos - 4):pos]
    word = next((w for w in _lexicons()["boundary"] if head.endswith(w)), None)
    if word is None:
        return False
    if len(word) > 1:
        return True
    window_start = max(0, pos - 4)
    cuts, at = set(), window_start
    for token in _jieba().dt.tokenizer.cut(text[window_start:pos + 3], HMM=False):
        cuts.add(at)
        at += len(token)
    return pos - 1 in cuts and pos in cuts


def _nearest_place(places: list[_Span], before: int, classes: tuple[str, ...]) -> _Span | None:
    best = None
    for p in places:
        if p.end <= before and p.cls in classes and (best is None or p.end > best.end):
            best = p
    return best


def _short_forms(body: str) -> set[str]:
    lex = _lexicons()
    return {form for form, std in lex["bodies"].items() if std == body} | {body}


def _org_span(text: str, start: int, end: int, cls: str, place: _Span | None,
              body: str, full_name: bool = True) -> _Span:
    if place is not None:
        label = place.label + body
        key = "org/" + place.key.split("/", 1)[1] + "/" + body
        variants = {v + b for v in place.variants | {place.label} for b in _short_forms(body)}
        variants.add(label)
        if body not in _lexicons()["suffixes"] and body not in _lexicons()["bodies"].values() \
                and len(body) > 3 and _suffix_kind(body) != "functional":
            variants.add(body)
        if cls == "University" and text[start:end] != label:
            label = text[start:end]  # 长治学院, not 长治市学院
    else:
        label, key, variants = body, "org/" + body, {body}
    if full_name and place is not None and _suffix_kind(body) in ("named", "either") and \
            body not in _lexicons()["bodies"].values() and cls != "University":
        label = text[start:end]  # a proper name is written as the text writes it: 江西济民药业
    span = _Span(start, end, "org", cls, key, label, variants,
                 place.key if place is not None else None)
    span.surface_ok = full_name
    if full_name:
        span.variants.add(text[start:end])
    return span


def _suffix_kind(body: str) -> str | None:
    suffix = next((x for x in _lexicons()["suffix_list"] if body.endswith(x)), None)
    return _lexicons()["suffixes"][suffix][1] if suffix else None


def _subunit(text: str, parent: _Span, end: int, body: str, cls: str) -> _Span:
    """A part of the organisation written just before it: 清华大学 + 材料学院."""
    label = parent.label + body
    span = _Span(parent.start, end, "org", cls if cls != "Organization" else parent.cls,
                 parent.key + "/" + body, label,
                 {v + body for v in parent.variants} | {label, text[parent.start:end]},
                 parent.parent)
    span.org = parent.key
    return span


def _expand_lists(text: str, orgs: list[_Span], places: list[_Span], taken: list[bool]) -> list[_Span]:
    """Bodies written without their place in a list whose earlier item names it:
    屯留区委组织部、区委党校、发改局 -> 屯留区委党校, 屯留区发展和改革局. Items are separated by
    、 (and 和/及 before a standard body name)."""
    lex = _lexicons()
    out: list[_Span] = []
    anchors = sorted([o for o in orgs if o.parent] + [p for p in places if not p.nested],
                     key=lambda x: x.start)
    for m in re.finditer(r"(?:、|(?<=[\u4e00-\u9fff])[和及])(?=([\u4e00-\u9fff]{2,12}))", text):
        s = m.start(1)
        e = s
        while e < len(text) and _is_cjk(text[e]) and text[e] not in "、" and e - s < 12:
            e += 1
        # the item is the first body name that starts at s (or after a bare level word)
        item = None
        for stop in range(s + 2, e + 1):
            suffix = _suffix_at(text, stop)
            if suffix is None:
                continue
            body_start, body, body_cls = _body_at(text, stop, suffix)
            head = text[s:body_start]
            if body_start < s or (head and head not in LEVEL_WORDS and
                                  lex["suffixes"][suffix][1] != "named"):
                continue
            if text[stop:stop + 1] and _suffix_at(text, stop + 1) and \
                    _body_at(text, stop + 1, _suffix_at(text, stop + 1))[0] <= s:
                continue  # the body goes on: 委 of 委党校
            item = (stop, suffix, body_start, body, body_cls)
            break
        if item is None:
            continue
        stop, suffix, body_start, body, body_cls = item
        if any(taken[s:stop]) or m.group(0)[0] in "和及" and body_start != s:
            continue
        cls, kind = lex["suffixes"][suffix]
        cls = body_cls or cls
        head = text[s:body_start]
        level = next((w for w in sorted(LEVEL_WORDS, key=len, reverse=True) if head == w), None)
        if head and not level and kind != "named":
            continue
        if kind == "named" and not head:
            continue
        prev = [x for x in anchors if x.end <= s and s - x.end <= 40]
        if not prev:
            continue
        anchor = prev[-1]
        place = anchor if anchor.kind == "place" else next(
            (p for p in places if p.key == anchor.parent), None)
        if place is None:
            continue
        if kind == "named" and head[:1] in LEVEL_WORDS:
            head = head[1:]
        name = (head if not level else "") + body
        span = _org_span(text, s, stop, cls, place, name, full_name=False)
        out.append(span)
        anchors.append(span)
        anchors.sort(key=lambda x: x.start)
        for k in range(s, stop):
            taken[k] = True
    return out


def _both_sides(text: str, places: list[_Span]) -> list[_Span]:
    """A与B两地BODY names the body of each side: 屯留区与北京东城区两地党校 -> 屯留区委党校 and
    北京东城区委党校 (two mentions over the same characters)."""
    lex = _lexicons()
    by_end = {p.end: p for p in places}
    by_start = {p.start: p for p in places}
    out = []
    for m in re.finditer(r"与(?=[\u4e00-\u9fff])", text):
        a = by_end.get(m.start())
        b = by_start.get(m.end())
        while b is not None and b.end in by_start:
            b = by_start[b.end]  # the last place of a chain: 北京东城区
        if a is None or b is None or not text.startswith("两地", b.end):
            continue
        pos = b.end + 2
        form = next((f for f in lex["body_list"] if text.startswith(f, pos)), None)
        if form is None:
            continue
        body, cls = lex["bodies"][form], _class_of_body(lex["bodies"][form]) or "GovernmentAgency"
        for side in (a, b):
            out.append(_org_span(text, pos, pos + len(form), cls, side, body, full_name=False))
    return out


def _site_lists(text: str, named: list[_Span], taken: list[bool]) -> list[_Span]:
    """Items of a list of sites (A、B、C等地) that no finder named take the class of a named
    sibling that is a historic site or facility: 北京东城区非遗中心、北大红楼、蒙藏学校旧址等地."""
    out = []
    for m in re.finditer(r"((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12})等(?:地|处)", text):
        items, pos = [], m.start(1)
        for item in m.group(1).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        a0, b0 = items[0]
        cut = max((k for k in range(a0, b0) if _ends_with_boundary(text, k)), default=a0)
        items[0] = (cut, b0)
        items = [(a, b) for a, b in items if b - a <= 8]
        sibling = [x for x in named if any(x.start == a and x.end == b for a, b in items)
                   and x.cls in ("HistoricSite", "Facility")]
        if not sibling:
            continue
        cls = sibling[0].cls
        for a, b in items:
            if not any(taken[a:b]) and b - a >= 3:
                name = text[a:b]
                out.append(_Span(a, b, "thing", cls, f"site/{name}", name, {name}))
                for k in range(a, b):
                    taken[k] = True
    return out


def _parenthetical_aliases(text: str, spans: list[_Span]) -> None:
    """A name followed by another in brackets is one entity: 北京东城区委党校（区行政学院）.
    The bracketed span takes the first one's key and label."""
    by_start = {s.start: s for s in spans if s.kind == "org"}
    for s in spans:
        if s.kind != "org" or text[s.end:s.end + 1] != "（":
            continue
        inner = by_start.get(s.end + 1)
        if inner is not None and text[inner.end:inner.end + 1] == "）":
            s.variants |= {v for v in inner.variants}
            inner.key, inner.label, inner.cls = s.key, s.label, s.cls
            inner.parent, inner.org = s.parent, s.org


# ---------------------------------------------------------------- entry point

def find_mentions(article: Article, context: PageContext | None = None) -> list[Mention]:
    """All mentions in ``article``, sorted by offset. Places written inside a longer name
    (屯留区 in 屯留区人民医院) are included with ``nested=True``: the entity stage sees every
    name, relation patterns use only the outermost ones. ``context`` is the page's
    :func:`page_context` (computed from this article alone when None)."""
    gaz = load_gazetteer()
    ctx = context or page_context([article.text])
    text = article.text
    n = len(text)
    masked = [False] * n
    for m in re.finditer(r"《[^》\n]{1,30}》", text):
        for k in range(m.start(), m.end()):
            masked[k] = True
    places = scan_places(text, gaz, ctx.places, masked)
    taken = [False] * n
    for p in places:
        for k in range(p.start, p.end):
            taken[k] = True
    places = sorted(places + _local_places(text, gaz, places, ctx, taken), key=lambda x: x.start)
    by_end = {p.end: p for p in places}
    for p in places:  # a chain (北京东城区, 上村镇小南村) is a surface form of its last place
        prev = by_end.get(p.start)
        while prev is not None:
            p.seen.add(text[prev.start:p.end])
            prev = by_end.get(prev.start)
    people = _people(article, taken)
    free = [False] * n  # names other than places may contain places
    for x in people:
        for k in range(x.start, x.end):
            free[k] = True
    programs = _programs(text, gaz, ctx, free)
    things = _things(text, free)
    media = []
    for m in re.finditer(r"《([^》\n]{1,30}(?:报|刊|杂志))》", text):
        if not any(free[m.start():m.end()]):
            name = m.group(1)
            media.append(_Span(m.start(), m.end(), "org", "MediaOutlet", f"org/{name}", name, {name}))
            for k in range(m.start(), m.end()):
                free[k] = True
    org_free = list(free)
    projects = _projects(text, places, free)
    things += projects
    orgs = _OrgFinder(text, places, people + things + programs + media, org_free).run()
    nested_orgs = []
    for o in orgs:
        holder = next((p for p in projects if p.start <= o.start and o.end <= p.end), None)
        if holder is not None:
            o.nested = True
            nested_orgs.append(o)
            if not any(pl.start >= o.end and pl.end <= holder.end for pl in places):
                holder.org = o.key  # 抗大一分校职业教育基地项目 stands at 抗大一分校
    orgs = [o for o in orgs if o.nested or not any(free[o.start:o.end])]
    for o in orgs:
        for k in range(o.start, o.end):
            free[k] = True
    orgs += _expand_lists(text, orgs, places, free)
    orgs += _both_sides(text, places)
    _parenthetical_aliases(text, orgs)
    things += _site_lists(text, orgs + things, free)
    top = programs + things + media + orgs + people
    for p in places:
        p.nested = any(o.start <= p.start and p.end <= o.end for o in top if o is not p)
    spans = sorted(top + places, key=lambda x: (x.start, -x.end))
    return [
        Mention(x.start, x.end, text[x.start:x.end], x.cls, x.key, x.label,
                tuple(sorted(x.variants - {x.label})), x.parent, x.org, x.code, x.nested,
                x.surface_ok, tuple(sorted(x.seen)))
        for x in spans
    ]
