"""Organisations and facilities: place (written, bare level word or list) + proper name +
body word from ``resources/org_suffixes.tsv``, sub-units, lists and both-sides bodies."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..resources import (anaphors, company_words, read_families, read_table, read_words,
                         split_company_name)
from ..text import paragraph_before
from .common import (
    LEVEL_WORDS,
    MAX_CORE,
    _body_at,
    _class_of_body,
    _ends_with_boundary,
    _is_cjk,
    _lexicons,
    _matches,
    _pos_tags,
    _Span,
    _suffix_at,
    _word_freq,
    _word_starts,
    _written_at,
)


_LEVEL_WORDS_LONGEST = tuple(sorted(LEVEL_WORDS, key=len, reverse=True))


def _trim_core(core: str, event_named: bool = False) -> str:
    """Drop leading words of a place-less name that cannot start a proper name (verbs,
    adverbs, pronouns, time words: 说起活动室 -> 活动室), by jieba's part-of-speech tags.
    ``event_named``: a historic site is named by the event held there, so a verb after a
    proper name (瓦窑堡改编, 井冈山会师) is part of the name, not a word to drop."""
    words = _pos_tags(core)
    keep = 0
    for i, (_word, flag) in enumerate(words):
        if event_named and flag.startswith(("ns", "nr", "nz")):
            break
        if flag[:1] in ("v", "d", "r", "p", "c", "u", "t", "m", "q", "f", "s", "l", "i") \
                and flag != "vn":
            keep = i + 1
    return "".join(word for word, _flag in words[keep:])


# The marks that join two paired places at the head of a name (宝安区—田林县…联席会议,
# 东城区·屯留区…): the genre names the joint bodies, meetings and projects of a pairing so,
# the giving side first; the name stands under the second place, where the pairing's
# projects are built and its meetings mostly held.
PAIR_MARKS = ("—", "·", "－", "-")


class _OrgFinder:
    """Organisation and facility names in one article (see the module docstring, step 4)."""

    def __init__(self, text: str, places: list[_Span], prior: list[_Span], taken: list[bool]):
        self.text, self.places, self.taken = text, places, taken
        self.lex = _lexicons()
        self.place_by_end = {p.end: p for p in places if not p.nested}
        self.place_cover = {k for p in places for k in range(p.start, p.end)}
        self.ends = {s.end: s for s in prior}
        self.out: list[_Span] = []
        self.by_start: dict[int, list[_Span]] = {}  # the spans of out by start, to find those
        self.dropped: set[int] = set()  # inside a new one without scanning out (ids, in out)
        self.branches: set[int] = set()  # branches of a company or bank (ids): see _take

    def run(self) -> list[_Span]:
        text = self.text
        for last in self.lex["suffix_last_chars"].finditer(text):  # where a body word may end
            j = last.end()
            suffix = _suffix_at(text, j)
            if suffix is None or any(self.taken[j - len(suffix):j]) or \
                    (j - len(suffix)) in self.place_cover:
                continue
            exceptions = self.lex["exceptions_by_last"].get(text[j - 1], ())
            if text.endswith(exceptions, 0, j) and any(  # one test first: most end none
                    len(x) > len(suffix) and text.endswith(x, 0, j) for x in exceptions) \
                    and (j - len(suffix)) not in self.place_by_end:
                continue
            begin = j - len(suffix)
            if text.startswith(self.lex["suffix_extensions"][suffix], begin):
                continue  # 区委 in 区委党校: the longer body ends further on
            if suffix.endswith("中心") and text.startswith(_non_institution_suffixes(), j):
                continue  # 中心小学, 中心卫生院: 中心 only qualifies the next body word
            if len(suffix) == 1 and text[j:j + 1] == "长" and text[j - 2:j - 1] in (suffix, "副"):
                continue  # 组织部部长, 宣传部副部长: this 部 belongs to the title
            if self.lex["suffixes"][suffix][0] == "Company" and \
                    text.startswith(_named_company_suffixes(), j):
                continue  # 科技集团股份有限公司, 药业集团: the legal form ends the company's name
            span = self._at(j, suffix)
            if span is not None:
                self._take(span)
        for m in re.finditer(r"(?=(?:企业|公司)负责人)", text):  # 北京华博科创企业负责人
            self._company_before(m.start())
        return [o for o in self.out if id(o) not in self.dropped]

    def _take(self, span: _Span) -> None:
        for k in range(span.start, span.end + 1):
            for o in self.by_start.get(k, ())[:]:
                if o.end > span.end:
                    continue
                if o.key == span.org and id(span) not in self.branches:
                    o.nested = True  # 淮海工业集团 inside 淮海工业集团团委: still an entity
                else:  # but a company or bank written only in the name of its branch
                    # (X银行Y支行, X保险公司Y中心支公司) is no entity of the text: the branch is
                    # what the page speaks of (written alone elsewhere, the bank is one)
                    self.dropped.add(id(o))
                    self.by_start[k].remove(o)
        self.out.append(span)
        self.by_start.setdefault(span.start, []).append(span)
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
                chain = self._chain_before(pos, pairs=True)
                pos = chain[0].start
                break
            if pos in self.ends and self.ends[pos].kind == "org":
                adjacent = self.ends[pos]
                break
            if not _is_cjk(text[pos - 1]) or self.taken[pos - 1]:
                break
            if _ends_with_boundary(text, pos) and not text.endswith("附属", 0, pos - 1) and \
                    not self._brand_after_place(pos - 2) and \
                    not (cls == "Company" and _trade_before_legal_form(text, pos, body_start)) and \
                    not (cls == "Company" and self._brand_around_boundary(pos, body_start)):
                break  # but 长治医学院附属和济医院: after 附属 the 和 begins the hospital's name
            pos -= 1
        if chain and text[chain[0].start - 1:chain[0].start] == "驻" and \
                chain[0].start - 1 in self.place_by_end:
            chain = self._chain_before(chain[0].start - 1)  # 田林县驻深圳宝安劳务工作站
        elif len(chain) > 1 and chain[-1].end == body_start and body in _home_place_bodies() \
                and not chain[-1].key.startswith(chain[-2].key + "/"):
            chain = chain[:-1]  # 青岛市甘肃商会: the chamber in 青岛市 of 甘肃's businesspeople
        place = chain[-1] if chain else None
        if body_start - (place.end if place else pos) > MAX_CORE:
            return None
        before = self.ends.get(chain[0].start) if chain else None
        if kind in ("subunit", "either") and before is not None and before.kind == "org":
            span = _subunit(text, before, j, text[chain[0].start:j], cls)  # 北京银行西城支行
            if cls == "Company" and before.cls == "Company":
                self.branches.add(id(span))  # a branch (支行, 分公司), not a department (部)
            if kind == "either" or cls == "Company":  # X实验学校宁县分校, X学院沂南实践教学基地,
                span.parent = place.key  # X银行寻乌支行: a part of the body standing where its
                # name says (not where the body's own place, 中国 of 中国农业银行, says)
            return span
        start = chain[0].start if chain else pos
        core = text[(place.end if place else pos):body_start]
        if place is None:
            for word in self.lex["national"]:
                if core == word and kind == "functional":  # 国家文物局
                    return _org_span(text, start, j, cls, None, core + body)
            bare = next((w for w in _LEVEL_WORDS_LONGEST
                         if core.startswith(w) and (len(core) > len(w) or kind == "functional")), None)
            if bare:
                owner = _level_kinds().get((bare, body))
                if owner and core == bare:  # 社区卫生服务中心: a subdistrict's, its kind's name
                    place = _nearest_place(self.places, start, owner)
                    return None if place is None else \
                        self._finish(start, j, cls, kind, place, core, body, full_name=False)
                place = _nearest_place(self.places, start, LEVEL_WORDS[bare])
                if place is None:
                    return None
                core = core[len(bare):]
                return self._finish(start, j, cls, kind, place, core, body, full_name=False)
        return self._finish(start, j, cls, kind, place, core, body, adjacent, body_start)

    def _chain_before(self, end: int, pairs: bool = False) -> list[_Span]:
        """The chain of places written right before ``end`` (北京东城区), first place first;
        with ``pairs``, two places joined by a :data:`PAIR_MARKS` mark are one chain too
        (宝安区—田林县协作联席会议: the two paired places open the name)."""
        chain: list[_Span] = []
        while end in self.place_by_end:
            chain.insert(0, self.place_by_end[end])
            end = chain[0].start
            if pairs and self.text[end - 1:end] in PAIR_MARKS and end - 1 in self.place_by_end:
                end -= 1
        return chain

    def _brand_around_boundary(self, pos: int, body_start: int) -> bool:
        """Whether the one-character boundary word ending at ``pos`` (和, 都, 同) is inside a
        company's brand written right after its place: one or two characters of brand between
        the place and it, and only trade words (company_trade_words.tsv) after it up to the
        legal form (福建 + 鑫和 + 纺织 + 有限公司, 洛阳 + 唐都 + 文旅发展 + 有限公司). A
        one-character word after a place is no name, so it and the boundary word are the brand."""
        text = self.text
        if _suffix_at(text, pos - 1) is not None or not _made_of(text[pos:body_start], _company_parts()):
            return False
        for size in (1, 2):
            at = pos - 1 - size
            place = self.place_by_end.get(at)
            if place is not None and all(_is_cjk(c) for c in text[at:pos - 1]) and \
                    not any(self.taken[at:pos]) and at not in self.place_cover:
                return True
        return False

    def _brand_after_place(self, at: int) -> bool:
        """Whether the character at ``at`` is the one-character abbreviation of the province of
        the place that ends just before it: a company's brand begins with its city's
        abbreviation (天津 + 津和商贸有限公司), so a boundary word after it (和) is inside the name."""
        place = self.place_by_end.get(at)
        province = self.lex["provinces"].get(self.text[at:at + 1]) if at >= 0 else None
        return place is not None and province is not None and \
            place.key.split("/")[1:2] == [province]

    def _finish(self, start, j, cls, kind, place, core, body, adjacent=None, body_start=None,
                full_name=True) -> _Span | None:
        """Check a candidate name (place + core + body) and make its span."""
        text, lex = self.text, self.lex
        body_start = j - len(body) if body_start is None else body_start
        doubled = body.startswith("委") and place is not None and len(core) == 1 and \
            place.label.endswith(core) and (core in LEVEL_WORDS or core in "州盟")
        if doubled:
            core = ""  # 新县县委, 和平区区委党校, 黔东南州委 (a prefecture's short form and 州): the
            # level word written again before 委 is the place's
        if body.startswith("委") and (core or place is None or
                                      place.cls not in ("District", "County", "City", "Province")):
            return None
        if core in lex["generic"] or any(core.startswith(g) for g in ("各", "相关", "有关", "某")):
            return None  # 区各委办局, 各级党组织, 相关部门: bodies of a kind pointed at, no name
        if _COUNT_IN_NAME.search(core):
            return None  # 儿科两个远程会诊中心: a count says bodies of a kind, no name
        if body.endswith("中心") and re.search(r"(?:路|街|巷|大道)(?=.)", core):
            return None  # 和平里西街雍和宫壹中心 is a building in an address
        if adjacent is not None and place is None and core[:1] in lex["boundary"]:
            return None  # 山西银行长治分行为驿站捐赠: a function word (为) starts no part of the bank
        if adjacent is not None and place is None:
            if body.endswith("中心") and core and adjacent.cls in ("Hospital", "HealthCenter") \
                    and not _made_of(core, lex["project_generic"]):
                return _subunit(text, adjacent, j, core + body, "Facility")  # 医院卒中中心: its unit
                # (but 驻…医院帮扶中心 is the aid team's office, no unit of the hospital)
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
            if _word_freq().get(core + body, 0) == 0:  # 首都医科大学 is a word: nothing to trim
                trimmed = _trim_core(core, cls == "HistoricSite")
                if trimmed != core and trimmed.startswith(tuple(LEVEL_WORDS)):
                    return None  # 吾元村文化广场 less 吾元: the rest of a place not found (村文化…)
                core = trimmed
            start = body_start - len(core)
            if len(core) < 2 or core in lex["generic"] or _made_of(core, lex["placeless_generic"]):
                return None  # 好未来教育集团 less its first words is no name: 教育集团
        if not core and cls not in ("University", "Hospital", "MediaOutlet") and body != "银行" and \
                body not in read_words("placed_bodies.tsv") and \
                kind != "functional" and not (
                place is not None and place.cls in ("Village", "Town", "Township", "Community",
                                                    "Subdistrict")):
            return None  # 北京小学 is a school in Beijing; 长治学院, 北京朝阳医院, 长治日报, 北舍村小学,
            # 英雄中路街道办事处 are names
        if cls in ("PartyOrganization", "PartySchool") and text.endswith("中共", 0, start):
            start -= 2  # 中共广州市委党校: the party's name belongs to the body's
        if body == "委" and not core and place is not None and text.endswith("共青团", 0, start):
            span = _org_span(text, start - 3, j, cls, place, "团委", full_name)
            span.label = text[start - 3:j]  # 共青团长治市委 is the city's 团委, as written
            span.variants |= {span.label, "团" + text[start:j]}
            return span
        span = _org_span(text, start, j, cls, place, core + body, full_name)
        if doubled and len(place.key.rsplit("/", 1)[-1]) == 2:
            span.label = place.key.rsplit("/", 1)[-1] + text[body_start - 1:j]  # 新县县委, not 新县委
            span.variants.add(span.label)
        if cls in ("PartyOrganization", "PartySchool") and place is not None:
            span.variants.add("中共" + span.label)
        if body.startswith("驻") or core.startswith("驻") or re.search(r"批援", core):
            span.parent = None  # 屯留区驻京招商联络点 stands in Beijing, not in 屯留区; 东城区第三批
            span.org = None  # 援藏工作组 works where it was sent
        return span

    def _company_before(self, end: int) -> None:
        """A company written without a suffix but followed by 企业负责人/公司负责人."""
        text = self.text
        pos = end
        while pos > 0 and end - pos < 8 and _is_cjk(text[pos - 1]) and not self.taken[pos - 1]:
            if pos in self.place_by_end or _ends_with_boundary(text, pos) and \
                    not _trade_before_legal_form(text, pos, end):
                break  # but 同 in 速达同城配送公司负责人 begins its trade words
            pos -= 1
        place = self.place_by_end.get(pos)
        core = text[pos:end]
        if len(core) < 2 or any(self.taken[pos:end]):
            return
        span = _org_span(text, place.start if place else pos, end, "Company", place, core)
        span.label = text[span.start:end]  # as written: 北京华博科创
        span.variants.add(text[span.start:end] + text[end:end + 2])
        self._take(span)


@lru_cache(maxsize=1)
def _home_place_bodies() -> frozenset[str]:
    """Body words named by two places, the host and the members' home (home_place_bodies.tsv)."""
    return frozenset(read_words("home_place_bodies.tsv"))


@lru_cache(maxsize=1)
def _level_kinds() -> dict[tuple[str, str], tuple[str, ...]]:
    """(level word, body word) -> the classes of the place that owns a body so named
    (level_kind_bodies.tsv)."""
    return {(row[0], row[1]): tuple(row[2].split("|")) for row in read_table("level_kind_bodies.tsv")}


def _made_of(core: str, words: set[str] | frozenset[str]) -> bool:
    """Whether ``core`` is one or more of ``words`` written together (农业科技, 文化旅游投资)."""
    ok = [True] + [False] * len(core)
    for i in range(1, len(core) + 1):
        ok[i] = any(ok[k] and core[k:i] in words for k in range(max(0, i - 6), i))
    return ok[-1]


def _nearest_place(places: list[_Span], before: int, classes: tuple[str, ...]) -> _Span | None:
    best = None
    for p in places:
        if p.end <= before and p.cls in classes and (best is None or p.end > best.end):
            best = p
    return best


@lru_cache(maxsize=None)
def _short_forms(body: str) -> tuple[str, ...]:
    """``body`` and its short forms (发展和改革局: 发改局 …), once per body word, in the order
    of the set they were always collected in."""
    lex = _lexicons()
    return tuple({form for form, std in lex["bodies"].items() if std == body} | {body})


def _org_span(text: str, start: int, end: int, cls: str, place: _Span | None,
              body: str, full_name: bool = True) -> _Span:
    kind = _suffix_kind(body) if place is not None else None  # asked of placed names only
    if place is not None:
        label = place.label + body
        key = "org/" + place.key.split("/", 1)[1] + "/" + body
        forms = place.variants | {place.label}
        if body.startswith("委"):  # 东城区委, not 东城委: only a full place name stands before 委
            forms = {v for v in forms if v.endswith(("区", "县", "市", "省", "旗", "州", "盟"))}
        bare_name = body in _lexicons()["suffixes"] and kind != "functional"
        # a name that is only place + body word (长治学院) has no other form (长治市学院)
        short = _short_forms(body)
        variants = set() if bare_name else {v + b for v in forms for b in short}
        if body not in _lexicons()["suffixes"] and body not in _standard_bodies() \
                and len(body) > 3 and kind != "functional":
            variants.add(body)
        if full_name and (bare_name or cls == "University"):
            label = text[start:end]  # 长治学院, 长治医学院: as written, not 长治市学院
        variants.add(label)
    else:
        label, key, variants = body, "org/" + body, {body}
    if full_name and place is not None and kind in ("named", "either") and \
            body not in _standard_bodies() and cls != "University":
        label = text[start:end]  # a proper name is written as the text writes it: 江西济民药业
    span = _Span(start, end, "org", cls, key, label, variants,
                 place.key if place is not None else None)
    span.surface_ok = full_name
    if full_name:
        span.variants.add(text[start:end])
    return span


@lru_cache(maxsize=1)
def _standard_bodies() -> frozenset[str]:
    """The standard names of functional_bodies.tsv (发展和改革局 …), what its forms stand for."""
    return frozenset(_lexicons()["bodies"].values())


@lru_cache(maxsize=1)
def _non_institution_suffixes() -> tuple[str, ...]:
    """The body words of org_suffixes.tsv of a class other than PublicInstitution, longest
    first: after 中心 they make 中心 a qualifier (中心小学, 中心卫生院)."""
    lex = _lexicons()
    return tuple(x for x in lex["suffix_list"] if lex["suffixes"][x][0] != "PublicInstitution")


@lru_cache(maxsize=1)
def _named_company_suffixes() -> tuple[str, ...]:
    """The legal forms of org_suffixes.tsv that end a company's proper name (股份有限公司 …),
    longest first."""
    lex = _lexicons()
    return tuple(x for x in lex["suffix_list"] if lex["suffixes"][x] == ("Company", "named"))


def _suffix_kind(body: str) -> str | None:
    suffix = _suffix_at(body, len(body))
    return _lexicons()["suffixes"][suffix][1] if suffix else None


_COUNT_IN_NAME = re.compile(r"(?<!第)(?:\d+|[一二两三四五六七八九十]+)个")  # 两个, 3个: counted


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
    starts = [x.start for x in anchors]
    longest = max((x.end - x.start for x in anchors), default=0)
    first_place: dict[str, _Span] = {}
    for p in places:
        first_place.setdefault(p.key, p)
    body_ends = {x.end for x in orgs} | {p.end for p in places}
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
        if any(taken[s:stop]) or m.group(0)[0] in "和及" and (body_start != s or
                                                           m.start() not in body_ends):
            continue  # 和 joins two bodies (发改局和农业农村局), not a person and one (他和工作组)
        cls, kind = lex["suffixes"][suffix]
        cls = body_cls or cls
        head = text[s:body_start]
        level = head if head in LEVEL_WORDS else None
        if head and not level and kind != "named":
            continue
        if kind == "named" and not head:
            continue
        # the last anchor (by start) that ends at most 40 characters before the item
        anchor = None
        k = bisect_right(starts, s) - 1
        while k >= 0 and starts[k] + longest >= s - 40:
            if anchors[k].end <= s and s - anchors[k].end <= 40:
                anchor = anchors[k]
                break
            k -= 1
        if anchor is None:
            continue
        place = anchor if anchor.kind == "place" else first_place.get(anchor.parent)
        if place is None:
            continue
        if kind == "named" and head[:1] in LEVEL_WORDS:
            head = head[1:]
        name = (head if not level else "") + body
        if _COUNT_IN_NAME.search(head):
            continue  # 心血管病、儿科两个远程会诊中心: two centres of a kind, no name
        span = _org_span(text, s, stop, cls, place, name, full_name=False)
        out.append(span)
        body_ends.add(span.end)  # 卫健局、教育局和民政局: an item found opens the next
        k = bisect_right(starts, span.start)  # after the anchors starting there, as a stable sort
        anchors.insert(k, span)
        starts.insert(k, span.start)
        longest = max(longest, span.end - span.start)
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
    for m in _matches(r"((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12})等(?:地|处)", text,
                      "等(?:地|处)"):
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


@lru_cache(maxsize=1)
def _built_for_re() -> re.Pattern[str]:
    """A building verb, then a unit that ends its clause (built_units.tsv)."""
    words = read_families("built_units.tsv")

    def alt(kind: str) -> str:
        return "|".join(map(re.escape, words[kind]))

    return re.compile(rf"(?:{alt('verb')})了?([\u4e00-\u9fff]{{2,8}}?(?:{alt('unit')}))"
                      r"(?=[，。；、])")


def _built_for(text: str, orgs: list[_Span], taken: list[bool]) -> list[_Span]:
    """A unit built for a body and written without a name of its own: 为B医院援建了远程会诊中心
    names B医院远程会诊中心, a facility where B stands. Only after a recipient marker (为, 给)
    and only when the unit ends its clause, so that the words after the verb are all of it."""
    out = []
    for o in orgs:
        if o.nested or o.kind != "org" or text[o.start - 1:o.start] not in ("为", "给"):
            continue
        m = _built_for_re().match(text, o.end)
        if m is None or any(taken[m.start(1):m.end(1)]):
            continue
        unit = m.group(1)
        core = unit[:-2]
        if core in _lexicons()["generic"] or \
                core.startswith(read_families("built_units.tsv")["determiner"]):
            continue
        label = o.label + unit
        span = _Span(m.start(1), m.end(1), "thing", "Facility", f"facility/{label}", label,
                     {label, unit}, o.parent)
        out.append(span)
        for k in range(m.start(1), m.end(1)):
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


@lru_cache(maxsize=1)
def _donor_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """From ``triggers.tsv``: (an optional adverb, then a recipient marker or a donation verb)
    right after a clause's subject; a donation verb."""
    fam = read_families("triggers.tsv")
    alt = lambda words: "|".join(map(re.escape, words))  # noqa: E731  (longest first already)
    head = re.compile(rf"(?:{alt(fam['donor-adverb'])})?(?:{alt(fam['recipient'])}|{alt(fam['donate'])})")
    return head, re.compile(alt(fam["donate"]))


_NOT_BRAND_TAGS = ("r", "m", "q", "p", "c", "d", "u", "l", "f", "t", "x", "k")


def _brand_donors(text: str, taken: list[bool]) -> list[_Span]:
    """A company written without a legal suffix (猿辅导, 作业帮, 蜜雪冰城) where the genre puts
    donors: the whole subject of a clause (after punctuation or a line start) whose verb is a
    donation — ``X(则|也…)(向|为|给|联系)…捐赠`` or ``X捐资…``. Source: the donor position of
    the genre's donation sentences (kg/relations.py, ``A为B捐赠``), read here for names no
    body word marks. Precision first: two to five characters no other finder took, no word
    jieba tags as a pronoun, numeral, adverb, idiom, person's name … and no common noun of
    jieba's dictionary at the end (爱心企业, 热心群众, 驻村工作队 are no names); a single dictionary word only when jieba knows it
    as an organisation or brand (nt, nz)."""
    head, donate = _donor_words()
    if not donate.search(text):
        return []  # no donation verb: no clause to read a donor from
    freq = _word_freq()
    out = []
    for m in re.finditer(r"(?:^|(?<=[。！？；，：\n]))[\u4e00-\u9fff]{3}", text):
        start = m.start()
        end = next((k for k in range(start + 2, min(len(text), start + 6))
                    if head.match(text, k)), None)  # the subject ends where the head begins
        if end is None or not all(_is_cjk(c) for c in text[start:end]) or any(taken[start:end]):
            continue
        clause_end = re.search(r"[。！？；，：\n]|$", text[end:]).start() + end
        if not donate.search(text, end, clause_end):
            continue
        name = text[start:end]
        words = _pos_tags(name)
        if any(flag.startswith(_NOT_BRAND_TAGS) or flag.startswith("nr") for _w, flag in words):
            continue  # 他们, 村民们, 全体党员, 校友张三
        last, flag = words[-1]
        if flag in ("n", "ng") and freq.get(last, 0) > 0:
            continue  # 爱心企业, 热心群众, 驻村工作队: a common noun heads the subject
        if len(words) == 1 and not flag.startswith(("nt", "nz")):
            continue
        if _suffix_at(text, end) is not None or name.endswith(tuple(_lexicons()["title_list"])):
            continue  # a body word or a title ends it (第一书记): no company's name
        span = _Span(start, end, "org", "Company", f"org/{name}", name, {name})
        out.append(span)
        for k in range(start, end):
            taken[k] = True
    return out


def _trade_before_legal_form(text: str, pos: int, body_start: int) -> bool:
    """Whether a trade word (company_trade_words.tsv) ends at ``pos`` with only trade words or
    legal forms between it and the company's body word: 建设 is a verb that ends a name
    (援建X), but in 华鑫建设工程有限公司 and 宏远建设集团有限公司 it is the company's trade.
    Also whether a one-character boundary word ending at ``pos`` begins such trade words: the
    同 of 同城配送 in 速达同城配送有限公司."""
    legal, trade = company_words()
    parts = _company_parts()
    return text.endswith(trade, 0, pos) and _made_of(text[pos:body_start], parts) or \
        _made_of(text[pos - 1:body_start], parts)


@lru_cache(maxsize=1)
def _company_parts() -> frozenset[str]:
    """The trade words and legal forms of companies (:func:`~kg.resources.company_words`)."""
    legal, trade = company_words()
    return frozenset(trade) | frozenset(legal)


def _short_names(text: str, orgs: list[_Span], places: list[_Span], free: list[bool]
                 ) -> list[_Span]:
    """A company named in full, then by its brand (上海申普农业发展有限公司 … 申普农业为…捐助;
    北京华博科创科技有限公司 … 华博科创): each free occurrence of a short name is a mention of
    that company. A company's short names are its brand followed by none, one or more of its
    trade words (company_trade_words.tsv), or by its brand and its last trade word (佳润超市
    for 佳润连锁超市有限公司), the places it begins with and its legal form left out; only names of four characters or more whose brand is no common word count, and a
    short name two companies of the article share names neither. Source: how the genre names
    companies (字号 + 行业 + 组织形式, 企业名称登记管理规定) and names them again."""
    freq = _word_freq()
    legal = company_words()[0]
    forms_of: dict[str, str] = {}  # company key -> its legal form (有限公司)
    place_ends = {p.start: p.end for p in places}
    owners: dict[str, list[_Span]] = {}
    for o in orgs:
        if o.cls != "Company" or o.nested:
            continue
        start = o.start
        while start in place_ends and place_ends[start] < o.end:  # 上海|申普…, 华池县|南梁…
            start = place_ends[start]
        core = text[start:o.end]
        parts = split_company_name(core)
        if parts is None:
            continue
        core, words, forms_of[o.key] = parts
        if not words or len(core) < 2 or _common_words(core, freq):
            continue  # no brand, or common words as the brand (农业发展, 乡村振兴农业科技)
        for k in range(len(words) + 1):
            name = core + "".join(words[:k])
            short = _trade_abbreviations().get(words[k - 1]) if k else None
            last = core + words[-1] if k == len(words) > 1 else None  # 佳润(连锁)超市
            for name in (name, short and core + "".join(words[:k - 1]) + short, last):
                if name and len(name) >= 4:
                    owners.setdefault(name, []).append(o)
    for x in orgs:  # a place-less company named by a short name (速达同城配送(公司)负责人)
        if x.cls != "Company" or x.parent is not None or x.key in forms_of:
            continue
        name = x.label
        form = next((f for f in legal if name.endswith(f)), "")
        owner = owners.get(name[:len(name) - len(form)], [])
        if len({o.key for o in owner}) == 1 and forms_of[owner[0].key].endswith(form):
            o = owner[0]
            x.variants |= {x.label, o.label}
            x.key, x.label, x.parent, x.code, x.org = o.key, o.label, o.parent, o.code, o.org
    out: list[_Span] = []
    for name in sorted(owners, key=len, reverse=True):
        if len({o.key for o in owners[name]}) > 1:
            continue
        o = owners[name][0]
        for a in _written_at(text, name):
            b = a + len(name)
            form = next((f for f in legal if text.startswith(f, b)
                         and forms_of[o.key].endswith(f)), None)
            if form is not None:
                b += len(form)  # 速达同城配送公司: the short name with a legal form is the company
            if any(free[a:b]) or form is None and _names_a_body_after(text, b):
                continue  # taken, or the start of another body's name (申普农业产业园)
            out.append(_Span(a, b, "org", o.cls, o.key, o.label, {o.label, text[a:b]},
                             o.parent, o.code, o.org))
            for k in range(a, b):
                free[k] = True
    return out


@lru_cache(maxsize=1)
def _trade_abbreviations() -> dict[str, str]:
    """Trade word -> its short form in a company's short name (trade_word_abbreviations.tsv)."""
    return {row[0]: row[1] for row in read_table("trade_word_abbreviations.tsv")}


def _common_words(core: str, freq: dict[str, int]) -> bool:
    """Whether ``core`` is made of words of two or more characters jieba's dictionary knows
    (乡村振兴 = 乡村 + 振兴), by its dictionary cut (no HMM, cached): a brand such as 申普 is
    cut into single characters. A word jieba has seen fewer than ``_RARE`` times (速达, 鲜橙:
    most of its dictionary's words are listed at 2 to 4) is a brand, not a common word."""
    starts = sorted(_word_starts(core)) + [len(core)]
    words = [core[a:b] for a, b in zip(starts, starts[1:])]
    return all(len(w) > 1 and freq.get(w, 0) >= _RARE for w in words)


_RARE = 10  # jieba's dictionary frequency under which a word is rare (a brand, a proper name)


def _names_a_body_after(text: str, end: int) -> bool:
    """Whether the name that ends at ``end`` goes on into a longer name: a noun follows
    (jieba's tag: 申普农业|产业园, 申普农业|合作社), not a verb, an adverb or a preposition
    (申普农业|为…捐助, 华博科创|还), nor a title (titles.tsv: 鲜橙电商|总经理)."""
    if end >= len(text) or not _is_cjk(text[end]):
        return False
    if text.startswith(_lexicons()["title_by_first"].get(text[end], ()), end):
        return False
    return _pos_tags(text[end:end + 4])[0][1].startswith("n")


@lru_cache(maxsize=1)
def _anaphor_pattern() -> re.Pattern[str]:
    """One pattern finding any anaphor of anaphors.tsv, longest first."""
    return re.compile("|".join(map(re.escape, anaphors())))


def _anaphora(text: str, orgs: list[_Span], free: list[bool]) -> list[_Span]:
    """该院, 该校, 该公司 … (anaphors.tsv) as mentions of the one body of the same paragraph,
    written before, whose name ends in a matching word (东城区第一人民医院…。该院还为…援建了
    远程会诊中心: the hospital built it); when the paragraph names none before it, of the one
    such body of the paragraph before (news paragraphs are a sentence or two: …产业园的建设
    工地。\n\n该产业园由…投资建设). The mention's surface is no name of the body. None when
    no such body is named there, or two (A小学与B小学结对。该校…). Source: anaphors.tsv."""
    table, pattern = anaphors(), _anaphor_pattern()
    freq = _word_freq()
    bodies = sorted((o for o in orgs if not o.nested), key=lambda o: o.start)
    out: list[_Span] = []
    for m in pattern.finditer(text):
        a, b = m.start(), m.end()
        if any(free[a:b]) or freq.get(text[b - 1:b + 1], 0) > 0:
            continue  # taken, or 该 modifies a longer word (该院士, 该校区, 该院长)
        fits = [o for o in bodies if o.end <= a and o.label.endswith(table[m.group()])]
        own = text.rfind("\n", 0, a) + 1
        candidates = {o.key: o for o in fits if own <= o.start}
        if not candidates:  # …建设工地。\n\n该产业园由…: named in the paragraph before
            candidates = {o.key: o for o in fits if paragraph_before(text, a) <= o.start}
        if len(candidates) != 1:
            continue  # none, or two (A小学与B小学结对。该校…): which one is not said
        (o,) = candidates.values()
        out.append(_Span(a, b, "org", o.cls, o.key, o.label, {o.label}, o.parent, o.code,
                         o.org, surface_ok=False))
        for k in range(a, b):
            free[k] = True
    return out
