"""Places: gazetteer divisions by longest match, chains (北京东城区, 上村镇小南村), villages,
communities and compounds, and the page context of the places a page names."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..gazetteer import Gazetteer
from ..gazetteer import load as load_gazetteer
from ..resources import count_unit_chars, read_table, read_words
from .common import (
    CHAIN_ONLY,
    LOCAL_PLACE_SUFFIXES,
    MAX_PLACE_LEN,
    STREET_SUFFIXES,
    PageContext,
    _ends_with_boundary,
    _is_cjk,
    _jieba,
    _lexicons,
    _pos_tags,
    _Span,
    _word_freq,
    _word_starts,
)


def _resolve(gaz: Gazetteer, cands: tuple[int, ...], prev: int | None, ctx: set[int]) -> int | None:
    """Pick the division a name means: one inside the place written just before it, else one
    the page context names, else the only or the highest-level candidate."""
    if len(cands) == 1:
        return cands[0]  # what every rule below gives the only candidate (most names)
    if prev is not None:
        for i in cands:
            if prev in gaz.ancestors(i):
                return i
    if ctx:
        for i in cands:
            if i in ctx:
                return i
        for i in cands:
            if not ctx.isdisjoint(gaz.ancestors(i)):
                return i
    return _only_or_highest(gaz, cands)


@lru_cache(maxsize=None)
def _only_or_highest(gaz: Gazetteer, cands: tuple[int, ...]) -> int | None:
    """The only candidate, or the one of the highest level when no other shares that level
    (else None). Cached: the same names come again and again."""
    if len(cands) == 1:
        return cands[0]
    top = min(gaz.places[i].level for i in cands)
    best = [i for i in cands if gaz.places[i].level == top]
    return best[0] if len(best) == 1 else None


def _alias_ok(gaz: Gazetteer, idx: int | None, cands: tuple[int, ...], alias: str, prev: int | None,
              ctx: set[int], strict: bool) -> bool:
    """A short form (屯留, 东城) is safe for a province, prefecture or country; for a county
    when the page names it or its prefecture, or when the short form is written right after
    its parent (then it also enters the page context: a later 察右前旗 alone is that county)."""
    if idx is None:
        return False
    place = gaz.places[idx]
    if place.level <= 1:
        return True
    if prev is not None and prev in gaz.ancestors(idx):
        return True  # 内蒙古察右前旗: written after its parent, also for the page context
    if strict:
        return False
    return idx in ctx or (place.parent is not None and place.parent in ctx)


def _full_name_ok(gaz: Gazetteer, idx: int | None, prev: int | None, ctx: set[int]) -> bool:
    """A full name of a township or lower needs its county in the page context or written
    just before it (上村镇 in a page about 屯留区); higher levels stand alone."""
    if idx is None:
        return False
    if gaz.places[idx].level < 3:
        return True
    ancestors = _ancestors_below_province(gaz, idx)
    return (prev is not None and prev in ancestors) or not ancestors.isdisjoint(ctx)


@lru_cache(maxsize=None)
def _ancestors_below_province(gaz: Gazetteer, idx: int) -> frozenset[int]:
    """The divisions enclosing ``idx`` from the prefecture down (level 1 and below)."""
    return frozenset(i for i in gaz.ancestors(idx) if gaz.places[i].level >= 1)


def scan_places(text: str, gaz: Gazetteer, ctx: set[int], masked: list[bool] | None = None,
                strict: bool = False, shadowed: frozenset[str] = frozenset()) -> list[_Span]:
    """Gazetteer places in ``text`` by longest match, left to right. ``strict`` accepts only
    full names and province/prefecture short forms (used to build the page context); the
    short forms of ``shadowed`` are none (see :func:`page_context`)."""
    return [_place_span(gaz, text, start, end, idx, cands)
            for start, end, idx, cands in _place_hits(text, gaz, ctx, masked, strict, shadowed)]


def _place_hits(text: str, gaz: Gazetteer, ctx: set[int], masked: list[bool] | None = None,
                strict: bool = False, shadowed: frozenset[str] = frozenset()
                ) -> Iterator[tuple[int, int, int | None, tuple[int, ...]]]:
    """The places :func:`scan_places` finds, as (start, end, division or None, candidates),
    without making their spans (the page context needs only the divisions)."""
    i = 0
    prev_end, prev_idx = -1, None
    for pos, names in _names_at(text, gaz):
        if pos < i:
            continue  # inside the place found last
        i = pos
        if (masked and masked[i]) or not _is_cjk(text[i]) or (
                text[i] in "日号" and i and text[i - 1].isdigit()):
            continue  # 9月2日本市: the 日 of a date starts no place name (日本)
        hit = None
        chained = prev_idx if prev_end == i else None
        for length, cands, alias in names:
            s = text[i:i + length]
            idx = _resolve(gaz, cands, chained, ctx)
            if alias and (s in shadowed or not _alias_ok(gaz, idx, cands, s, chained, ctx, strict) or
                          (chained is None and _ends_common_word(text, i)) or
                          _runs_into_word(text, i, i + length) or
                          _begins_other_place(text, i, length) or _names_street(text, i + length)):
                continue
            if not alias and not _full_name_ok(gaz, idx, chained, ctx) and \
                    not (idx is None and all(gaz.places[c].level < 3 for c in cands)):
                continue
            if not alias and length == 2 and chained is None and _ends_common_word(text, i):
                continue  # 建成县级: a one-character county (成县) must begin a word like a short form
            if idx is not None and gaz.places[idx].cls == "Country" and \
                    _honorary_title(text, i, i + length):
                continue  # “中国脐橙之乡”: the country is part of a title
            hit = (length, idx, cands)
            break
        if hit is None:
            continue
        length, idx, cands = hit
        if _autonomous_short_form(gaz, idx, text, i, length):
            length += 1  # 澜沧县: an autonomous county's short form with the level word
        yield i, i + length, idx, cands
        prev_end, prev_idx = i + length, idx
        i += length


def _autonomous_short_form(gaz: Gazetteer, idx: int | None, text: str, start: int,
                           length: int) -> bool:
    """Whether the short form of an autonomous county or banner (澜沧 for 澜沧拉祜族自治县,
    鄂温克 for 鄂温克族自治旗) at ``start`` is written with its level word after it (澜沧县):
    the genre names such counties so, and the level word belongs to the place, so that the
    places after it (澜沧县勐朗镇) and the bodies named by it (澜沧县第一中学) chain to it."""
    if idx is None:
        return False
    place = gaz.places[idx]
    level = text[start + length:start + length + 1]
    return place.cls == "County" and text[start:start + length] == place.alias and \
        place.name.endswith("自治" + level) and level in ("县", "旗")


_Name = tuple[int, tuple[int, ...], bool]  # (length, gazetteer indices, is a short form)


@lru_cache(maxsize=256)
def _names_at(text: str, gaz: Gazetteer) -> tuple[tuple[int, tuple[_Name, ...]], ...]:
    """Every offset of ``text`` where gazetteer names begin, with those names longest first:
    ``(offset, ((length, candidate indices, is short form), ...))``. A full name hides a short
    form of the same characters. Cached for the last texts: a page's context and each of its
    articles scan the same text."""
    prefixes = gaz.prefixes
    full_names, short_forms = gaz.by_name.get, gaz.aliases.get  # gaz.lookup, lookup_alias
    n, out = len(text), []
    for i in range(n - 1):
        if text[i:i + 2] not in prefixes:
            continue  # no gazetteer name begins here
        names = []
        limit = min(MAX_PLACE_LEN, n - i)
        length = 2
        while length <= limit and text[i:i + length] in prefixes:
            s = text[i:i + length]
            cands, alias = full_names(s, ()), False
            if not cands:
                cands, alias = short_forms(s, ()), True
            if cands:
                names.append((length, cands, alias))
            length += 1
        if names:
            out.append((i, tuple(reversed(names))))
    return tuple(out)


@lru_cache(maxsize=None)
def _place_key(gaz: Gazetteer, idx: int) -> str:
    return "place/" + "/".join(gaz.path(idx))


@lru_cache(maxsize=None)
def _place_names(gaz: Gazetteer, idx: int) -> tuple[str, frozenset[str]]:
    """A division's label (a municipality's district with its city: 北京市东城区) and its
    names (full name, short form, with its parent's name before it)."""
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
    return label, frozenset(variants)


def _place_span(gaz: Gazetteer, text: str, start: int, end: int, idx: int | None,
                cands: tuple[int, ...]) -> _Span:
    if idx is None:  # ambiguous without context: one node per name
        place = gaz.places[cands[0]]
        return _Span(start, end, "place", place.cls, f"place/{place.name}", place.name)
    place = gaz.places[idx]
    label, variants = _place_names(gaz, idx)
    span = _Span(start, end, "place", place.cls, _place_key(gaz, idx), label, set(variants),
                 _place_key(gaz, place.parent) if place.parent is not None else None,
                 place.code, idx=idx)
    span.variants.add(text[start:end])
    return span


def _local_places(text: str, gaz: Gazetteer, places: list[_Span], ctx: PageContext,
                  taken: list[bool]) -> list[_Span]:
    """Villages, communities and residential compounds: X村 written after its township or
    county (上村镇小南村), a name the page placed so elsewhere, or one the gazetteer lists
    under a place the page names; X社区/X小区 after a clause boundary."""
    out = []
    ends = {p.end: p for p in places}
    # where a level word is written (no level word can begin inside another, so the matches
    # of their alternation are all of them; a lookahead made re try it at every offset)
    for m in re.finditer("|".join(LOCAL_PLACE_SUFFIXES), text):
        pos, suffix = m.start(), m.group()  # the first level word (in table order) written here
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
            if text[start:pos] in _determiners() and (start in ends or _boundary_before(text, start)):
                break  # 东城区各街道, 全镇: a determiner before the level word names no place
            if _counted(text[start:pos]):
                break  # 余吾镇八个村: a number of villages, none named
            if core_len == 1 and suffix in CHAIN_ONLY and LOCAL_PLACE_SUFFIXES[suffix] in ("Town", "Township"):
                continue  # 黄岩区橘乡慈善基金会: one character before 乡 or 镇 makes a nickname
                # (橘乡, 茶乡); the gazetteer has the towns so named
            if suffix in ("社区", "小区") and core_len >= 2 and \
                    text[start:pos] in _lexicons()["generic"]:
                continue  # 禾川镇老旧小区: a kind of compound in the town, not one named so
            anchor = _chain_anchor(text, start, ends)
            listed = isinstance(anchor, _Span) and anchor.idx is not None and \
                anchor.idx in gaz.villages(name)
            if not listed and any(_ends_with_boundary(text, k) and not (
                    text[k - 1] in "和与及" and k - 1 > start) for k in range(start + 1, pos + 1)):
                continue  # 交道口街道在菊儿社区: 在 belongs to no name (but 乌兰布和嘎查 is one)
            if anchor is not None and anchor.cls not in ("Village",) and not (
                    suffix in CHAIN_ONLY and anchor.cls not in ("District", "County", "City")):
                found = (start, name, anchor)
            elif suffix in CHAIN_ONLY:
                continue
            elif name in ctx.local:
                found = found or (start, name, None)
            elif suffix in ("村", "社区", "嘎查"):
                # the first town listed that the page names, if any
                town = next((t for t in gaz.villages(name) if t in ctx.places), None)
                if town is not None and _boundary_before(text, start):
                    found = found or (start, name, town)
            if found and found[2] is not None:
                break
        if found is None and suffix in ("社区", "小区"):
            start = pos - 2
            core = text[start:pos]
            if start >= 0 and all(_is_cjk(c) for c in core) and core not in _lexicons()["generic"] \
                    and _name_like(core) \
                    and (_word_freq().get(core, 0) < 100 or _party_body_at(text, end)) \
                    and (_boundary_before(text, start) or text.endswith("中共", 0, start)) \
                    and not any(taken[start:pos]):
                found = (start, text[start:end], None)
        if found is None and suffix == "街道" and re.match(r"[\u4e00-\u9fff]{2}社区", text[end:]):
            start = pos - 2  # 西关街道永安社区: a subdistrict written before its community
            core = text[start:pos]
            if start >= 0 and all(_is_cjk(c) for c in core) and core not in _lexicons()["generic"] \
                    and _name_like(core) and not any(taken[start:pos]) and \
                    (_boundary_before(text, start) or
                     start - max(0, start - 3) in _word_starts(text[max(0, start - 3):end])):
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


def _party_body_at(text: str, pos: int) -> bool:
    """Whether a party body word (党支部, 党委, 党总支 …) begins at ``pos``: 永安社区党支部 names
    its community even when the community's name is a common word."""
    lex = _lexicons()
    return any(text.startswith(x, pos) for x in lex["suffix_list"]
               if lex["suffixes"][x][0] == "PartyOrganization" and x.startswith("党"))


def _name_like(core: str) -> bool:
    """Whether jieba tags no word of ``core`` as a verb, adverb, pronoun, preposition,
    conjunction, particle, numeral, classifier, locality or time word (加强社区党支部 is no name)."""
    return not any(flag.startswith(("v", "d", "r", "p", "c", "u", "m", "q", "f", "t"))
                   for _word, flag in _pos_tags(core))


@lru_cache(maxsize=1)
def _counted_re() -> re.Pattern[str]:
    """A number and a measure word of ``count_units.tsv`` (八个, 12个, 十余个): a count."""
    units = count_unit_chars()
    return re.compile(f"[0-9０-９零〇一二两三四五六七八九十百千几数]+[{units}]+")


def _counted(core: str) -> bool:
    """Whether a village's core ends in a count (八个, 十余个): 八个村 names no village."""
    return any(_counted_re().fullmatch(core, k) for k in range(len(core)))


@lru_cache(maxsize=1)
def _determiners() -> frozenset[str]:
    """The determiners and quantifiers of ``generic_cores.tsv`` (各, 该, 本, 两, 其他 …)."""
    return frozenset(row[0] for row in read_table("generic_cores.tsv")
                     if len(row) > 1 and row[1].startswith("determiner"))


def _begins_other_place(text: str, i: int, length: int) -> bool:
    """Whether the short form at ``i`` begins a longer place name of jieba's dictionary that is
    no form of the division (广安门, 北京路, 中山路, 长安街: a gate or a street, not 广安市): the
    short form is part of that name. Longer by a level word (东城区) does not count."""
    for extra in (1, 2):
        word = text[i:i + length + extra]
        if len(word) == length + extra and word[-1] not in "市区县省州旗盟" and \
                (_jieba().dt.word_tag_tab.get(word) or "") == "ns" and _word_freq().get(word, 0) > 0:
            return True
    return False


@lru_cache(maxsize=1)
def _street_words() -> tuple[str, ...]:
    """street_words.tsv, longest first."""
    return tuple(sorted(read_words("street_words.tsv"), key=len, reverse=True))


def _names_street(text: str, end: int) -> bool:
    """Whether the short form ending at ``end`` names a street that a body or a house number
    follows (岳阳道小学, 长沙路社区, 岳阳路8号): cities lend their names to streets, and the
    street is no place of the city (but 永州道县: 道县 is a county, and 街道 a subdistrict)."""
    lex = _lexicons()
    for street in _street_words():
        if not text.startswith(street, end):
            continue
        after = end + len(street)
        if street == "街" and text.startswith("道", after):
            return False
        return text[after:after + 1].isdigit() or \
            any(text.startswith(x, after) for x in lex["suffix_list"]) \
            or text.startswith(tuple(LOCAL_PLACE_SUFFIXES), after)
    return False


def _ends_common_word(text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a frequent word that is no name (其中山西: 中 ends
    其中, so 中山 starts nowhere) and jieba starts no word there: a short form (中山, 东城)
    must begin a word. Tagged n… words (向东 is also a given name) never count."""
    if i == 0 or not _is_cjk(text[i - 1]):
        return False
    word = text[i - 1:i + 1]
    if _word_freq().get(word, 0) <= 1000 or (_jieba().dt.word_tag_tab.get(word) or "n").startswith("n"):
        return False
    window = max(0, i - 3)
    return i - window not in _word_starts(text[window:i + 4])


def _honorary_title(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` opens a quoted honorary title ending in 之乡, 之都 or
    之城 (“中国脐橙之乡”, “中国书法之乡”): the title is awarded to a county, it names no place."""
    if text[start - 1:start] != "“":
        return False
    close = text.find("”", end, end + 12)
    return close > 0 and text[close - 2:close] in ("之乡", "之都", "之城")


def _runs_into_word(text: str, start: int, end: int) -> bool:
    """Whether jieba reads a short form's last character into a frequent word that is no place
    name and goes on past it (哪个合作社: 合作社 holds the 合作 of 合作市): a short form must end
    a word as it must begin one."""
    window = text[start:end + 3]
    at = 0
    for token in _jieba().dt.tokenizer.cut(window, HMM=False):
        if at < end - start < at + len(token):
            return _word_freq().get(token, 0) > 100 and \
                not (_jieba().dt.word_tag_tab.get(token) or "").startswith("ns")
        at += len(token)
    return False


def _inside_body_name(text: str, pos: int, end: int) -> bool:
    """Whether a standard body name runs through this place word (农业农村局, 社区卫生服务中心)."""
    by_first = _lexicons()["suffix_by_first"]
    if any(start + len(s) > end and text.startswith(s, start)
           for start in range(max(0, pos - 1), pos + 1) for s in by_first.get(text[start], ())):
        return True  # 长兴联合村镇银行: a body word of org_suffixes.tsv runs through 村 and 镇
    by_first = _lexicons()["body_by_first"]
    longest = len(_lexicons()["body_list"][0])
    for start in range(max(0, end - longest), pos + 1):
        for form in by_first.get(text[start], ()):
            if start + len(form) > end and text.startswith(form, start):
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
    ancestors) and the villages it places in a chain, for :func:`find_mentions`. Each text's
    places under that context are kept in ``scans`` for its first :func:`find_mentions`."""
    gaz = load_gazetteer()
    ctx = PageContext()
    ctx.places = _context_places(gaz, texts, ctx.shadowed)
    for text in texts:
        ctx.scans[text] = scan_places(text, gaz, ctx.places)
    ctx.shadowed = _shadowed_short_forms(gaz, ctx.scans.values())
    if ctx.shadowed:  # scanned again without them
        ctx.places = _context_places(gaz, texts, ctx.shadowed)
        for text in texts:
            ctx.scans[text] = scan_places(text, gaz, ctx.places, shadowed=ctx.shadowed)
    for text in texts:
        places = ctx.scans[text]  # read, never changed, by _local_places below
        taken = [False] * len(text)
        for p in places:
            for k in range(p.start, p.end):
                taken[k] = True
        for span in _local_places(text, gaz, places, ctx, taken):
            if span.parent and span.label not in ctx.local:
                ctx.local[span.label] = span.key
    return ctx


def _context_places(gaz: Gazetteer, texts: list[str], shadowed: frozenset[str]) -> set[int]:
    """The divisions ``texts`` name by full names and province/prefecture short forms (but
    those of ``shadowed``), with their ancestors."""
    out: set[int] = set()
    for text in texts:
        for _start, _end, idx, _cands in _place_hits(text, gaz, set(), strict=True,
                                                     shadowed=shadowed):
            if idx is not None:
                out.add(idx)
                out.update(gaz.ancestors(idx))
    return out


def _shadowed_short_forms(gaz: Gazetteer, scans: Iterable[list[_Span]]) -> frozenset[str]:
    """Short forms of prefectures that open the full name of a township or
    subdistrict the page places in its own context outside them (玉林 of 玉林街道 in a page
    about 成都市武侯区): cities lend their names to streets, and a street to its subdistrict,
    so on that page the short form names the subdistrict's area (玉林东路社区, 玉林片区), no
    city far away."""
    out = set()
    for places in scans:
        for p in places:
            idx = p.idx
            if idx is None or gaz.places[idx].level < 3:
                continue
            name = gaz.places[idx].name
            ancestors = gaz.ancestors(idx)
            for size in range(2, len(name) - 1):
                cands = gaz.aliases.get(name[:size], ())
                if cands and all(gaz.places[c].level == 1 and c not in ancestors
                                 for c in cands):
                    out.add(name[:size])
    return frozenset(out)
