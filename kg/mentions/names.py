"""Named things that are no body: cooperation programmes (京长对口合作), known events (服贸会),
quoted names with a type word (“屯留美食进东城”美食节), ordinal events and project names."""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Gazetteer
from ..resources import read_families, read_words
from .common import (
    LEVEL_WORDS,
    MAX_PROJECT,
    PageContext,
    _ends_with_boundary,
    _is_cjk,
    _lexicons,
    _pos_tags,
    _Span,
    _matches,
    _SpanIndex,
    _written_at,
)
from .orgs import PAIR_MARKS


def _programs(text: str, gaz: Gazetteer, ctx: PageContext, taken: list[bool]) -> list[_Span]:
    """京长对口合作, “屯东”合作: two characters that each abbreviate a place the page names
    (a short form's first character, or a province abbreviation) and a cooperation word."""
    lex = _lexicons()
    initials, heads = _initials(gaz, ctx)
    out = []
    words = "|".join(map(re.escape, lex["program_list"]))
    for m in _matches(rf"“?([\u4e00-\u9fff])([\u4e00-\u9fff])”?({words})", text, words):
        a, b = m.group(1), m.group(2)
        quoted = m.group(0).startswith("“")
        word = m.group(3)
        if a == b or a not in initials or b not in initials or initials[a] == initials[b]:
            continue
        if a + b in heads and not quoted:
            continue  # 西青舟曲协作: 舟曲 is one place's name, not the initials of two
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


def _initials(gaz: Gazetteer, ctx: PageContext) -> tuple[dict[str, int], set[str]]:
    """The first character of each place the page names (its name or short form) and each
    province abbreviation -> that place: what a programme's two characters may abbreviate;
    and the first two characters of those names (舟曲 of 舟曲县: one place, no two initials).
    Made once per page and kept in ``ctx`` (its places are final once made)."""
    if ctx.initials is None:
        initials: dict[str, int] = {}
        heads: set[str] = set()
        for i in ctx.places:
            p = gaz.places[i]
            for form in (p.name, p.alias or ""):
                if form:
                    initials.setdefault(form[0], i)
                    heads.add(form[:2])
        for abbr, province in _lexicons()["provinces"].items():
            for i in gaz.lookup(province):
                initials.setdefault(abbr, i)
        ctx.initials = (initials, heads)
    return ctx.initials


def _thing_suffix(text: str, pos: int, limit: int = 12) -> tuple[int, str] | None:
    """The type word (项目, 美食节, 瓜子, 活动室 …) that ends a name written from ``pos`` on,
    within ``limit`` characters and with no punctuation or boundary word between (a
    one-character one where jieba cuts around it: “雷公山天麻”和X有限公司 names two things):
    (end offset, class). Facility words come from the organisation suffix table."""
    lex = _lexicons()
    words = _type_words()
    for k in range(pos, min(len(text), pos + limit)):
        if not (text[k].isalnum() or _is_cjk(text[k])):
            return None
        if k > pos and any(text.endswith(w, pos, k) for w in lex["boundary"] if len(w) > 1 or w == "的"):
            return None
        if k > pos and _ends_with_boundary(text, k):
            return None
        for suffix in words:
            if text.startswith(suffix, k):
                if suffix == "活动" and text.startswith("系列活动", k - 2):
                    continue
                cls = lex["things"].get(suffix) or lex["suffixes"][suffix][0]
                if cls == "Product" and k > pos and not text[pos:k].isascii():
                    continue  # a product word follows its quoted brand directly, or after
                    # a kind written in Latin letters (“X”NFC果汁)
                return k + len(suffix), cls
    return None


@lru_cache(maxsize=1)
def _type_words() -> tuple[str, ...]:
    """The words that end a named thing, longest first: ``named_things.tsv`` and the facility
    words of ``org_suffixes.tsv`` that need a proper name before them."""
    lex = _lexicons()
    facility = [w for w in lex["suffix_list"] if lex["suffixes"][w][1] == "named"]
    return tuple(sorted(set(lex["thing_list"]) | set(facility), key=len, reverse=True))


@lru_cache(maxsize=1)
def _slogan_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Unquoted campaign slogans and the 活动 after them (slogan_events.tsv): after an opener
    verb, a slogan ending in where the service goes (开展海洋科普进校园活动); after an opener or
    a clause boundary, a slogan of two parts joined by a middle dot (健康X·名医下乡义诊活动).
    Group 1 is the slogan, group 2 the kind word and 活动. A slogan holds no ``not-in``
    character (a particle, 等, 各, 系列: 开展了丰富多彩的进校园活动, 各类进社区活动 name none)."""
    words = read_families("slogan_events.tsv")
    opener, goes, kind = ("|".join(map(re.escape, words[f])) for f in ("opener", "goes", "kind"))
    banned = re.escape("".join(words["not-in"]))
    han = r"\u4e00-\u9fff"
    return (re.compile(rf"(?:{opener})(?!{opener})((?:(?![{banned}])[{han}]){{2,8}}?(?:{goes}))"
                       rf"((?:{kind})?活动)"),
            re.compile(rf"(?:^|[，,。；：\n]|{opener})([{han}]{{2,6}}·[{han}]{{2,6}}?)((?:{kind})?活动)",
                       re.M))


_HOLDER_LEVELS = ("Province", "City", "District", "County")  # places whose own event a
# class or festival numbered by them is (not a town's, whose name may open a venue)


def _things(text: str, taken: list[bool], places: list[_Span] = (),
            in_program: set[int] | frozenset[int] = frozenset()) -> list[_Span]:
    """``in_program``: the offsets the page's programmes cover (see :func:`find_mentions`)."""
    lex = _lexicons()
    out = []

    def add(start, end, cls, key_name, label, variants, over=frozenset()):
        if any(taken[k] and k not in over for k in range(start, end)):
            return
        is_org = cls not in ("Project", "Event", "Product", "Facility", "HistoricSite",
                             "CooperationProgram")
        kind = "program" if cls == "CooperationProgram" else cls.lower()
        key = f"org/{label}" if is_org else f"{kind}/{key_name}"  # “博爱”卫生站 = 博爱卫生站
        span = _Span(start, end, "org" if is_org else "thing", cls, key, label,
                     {v for v in variants if v})
        out.append(span)
        for k in range(start, end):
            taken[k] = True

    for short, (full, cls) in lex["events"].items():
        for at in _written_at(text, short):
            add(at, at + len(short), cls, full, full, {short, full})
    # quoted names: “双师课堂”, “屯留美食进东城”美食节, “长相伴 致未来”是…项目
    for m in re.finditer(r"“([^“”\n]{2,20})”", text):
        name = re.sub(r"\s+", "", m.group(1))
        if re.search(r"[，。、！？：；]", name):
            continue
        start, end = m.start(), m.end()
        if text.endswith(read_words("kind_verbs.tsv"), 0, start):
            continue  # 两校结为“手拉手”学校: the kind of pair they became, no school
        ordinal = re.search(r"第[0-9一二三四五六七八九十百]+届$", text[max(0, start - 6):start])
        if ordinal:
            start -= len(ordinal.group(0))
        typed = _thing_suffix(text, end)
        if typed and text[typed[0] - 2:typed[0]] == "项目":
            continue  # see _projects
        if typed:
            stop, cls = typed
            full = (ordinal.group(0) if ordinal else "") + name + text[end:stop]
            if text[end:stop] in read_families("product_list_words.tsv")["product"]:
                full = name  # “脐橙贷”产品: 产品 says what the name is, it is no part of it
            # a place is its whole name (“沪永”邻里中心 and “沪永”驿站 are two); an event or
            # project its quoted core (“名医进乡村”活动 = “名医进乡村”义诊活动)
            key_name = name + text[end:stop] if cls in ("Facility", "HistoricSite") else name
            add(start, stop, cls, key_name, full, {name, full, name + text[end:stop]})
            continue
        if re.search(r"是[\u4e00-\u9fff]{0,12}的$", text[max(0, start - 14):start]):
            continue  # X是两地合作的“一号工程”, 是闽宁协作的“连心桥”: what X is likened to
        copula = re.match(r"是([\u4e00-\u9fff]{2,30}?(项目|活动|工程))", text[end:end + 34])
        if copula:
            cls = "Project" if copula.group(2) != "活动" else "Event"
            add(start, end, cls, name, name, {name, copula.group(1)})
            for k in range(end + 1, end + copula.end()):
                taken[k] = True  # the phrase after 是 names the same thing
            continue
        own = next((s for s in lex["thing_list"] if name.endswith(s)), None)
        if own and name == own:
            continue  # “订单班”开班: the kind word alone, quoted, names nothing
        if own and (lex["things"][own] in ("Project", "Event", "CooperationProgram") or
                    lex["things"][own] == "Product" and len(name) > len(own) + 1):
            add(start, end, lex["things"][own], name, name, {name})
            continue
        if own and lex["things"][own] == "Facility" and len(name) > len(own) and \
                name[:-len(own)] not in lex["generic"]:  # “老人食堂” is a kind, no name
            add(start, end, "Facility", name, name, {name})  # “X书房”: the word is a name's only
            continue
        suffix = next((s for s in lex["suffix_list"] if name.endswith(s)), None)
        if suffix and lex["suffixes"][suffix][0] in ("Facility", "HistoricSite") and len(name) > len(suffix) \
                and name[:-len(suffix)] not in lex["generic"]:  # “小食堂”, “老人食堂”: kinds
            cls = lex["suffixes"][suffix][0]
            add(start, end, cls, name, name, {name})
    # unquoted campaign slogans before 活动: 开展海洋科普进校园活动, 健康X·名医下乡义诊活动
    for pattern in _slogan_res():
        for m in pattern.finditer(text):
            core, full = m.group(1), m.group(1) + m.group(2)
            add(m.start(1), m.end(2), "Event", core, core, {core, full})
    # ordinal events: 第38届龙潭庙会(展销活动), 首期基层医生培训班, 第三期研修班, and the
    # county, district or city holding them written right before (X区首期…培训班)
    place_by_end = {p.end: p for p in places}
    for m in re.finditer(r"(?:第[0-9一二三四五六七八九十百]+[届期]|首[届期])([\u4e00-\u9fff]{2,8}?)"
                         r"(?=[\u4e00-\u9fff]*)", text):
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
        label = m.group(0)[:m.start(1) - m.start()] + core
        start = m.start()
        holder = place_by_end.get(start)
        if holder is not None and holder.cls in _HOLDER_LEVELS:
            start = holder.start  # 武侯区首期养老护理员培训班: the district's first class
            label = text[start:m.start()] + label
        add(start, full_end, "Event", core, label,
            {core, text[m.start():full_end], text[m.start(1):full_end], text[start:full_end]})
    # events led by their year: 2025长三角绿色农产品交易会, 2024安阳县（北京）招商推介会 (a host
    # city in brackets); the year is part of the label, the key is the name without it
    for m in _year_event_re().finditer(text):
        core = m.group(2)
        plain = re.sub(r"[（）]", "", core)
        head = plain[:-len(m.group(3))]
        if any(w for w, flag in _pos_tags(head) if flag == "v" or flag.startswith(("m", "t", "r"))):
            continue  # 2025年举办交易会: a verb, a number or a time word makes it a clause (in
            # the words before the event word: 品鉴会 holds the verb 品鉴)
        if any(b in head for b in lex["boundary"] if len(b) > 1 or b == "的"):
            continue
        if head.startswith(read_families("built_units.tsv")["determiner"]) and head[1:2] in LEVEL_WORDS:
            continue  # 2023年全县文化节: the county's festivals, not one named
        add(m.start(), m.end(), "Event", plain, m.group(0),
            {m.group(0), core, plain, m.group(1) + plain}, in_program)  # a programme may
        # name the meeting: 2025年京蒙协作A区—B旗联席会议
    # product lists: A、B、C等产品
    for m in _matches(r"((?:[\u4e00-\u9fff“”]{2,12}、)+[\u4e00-\u9fff“”]{2,12})等(?:产品|农产品|特产)",
                      text, "等(?:产品|农产品|特产)"):
        pos = m.start(1)
        for i, item in enumerate(m.group(1).split("、")):
            if i == 0:  # 将新增石斛口服液、…等产品: the clause's adverb and verb open no name
                lead = _clause_lead(item)
                pos, item = pos + lead, item[lead:]
            clean = item.replace("“", "").replace("”", "")
            if 2 <= len(clean) <= 10 and not any(taken[pos:pos + len(item)]):
                add(pos, pos + len(item), "Product", clean, clean, {clean})
            pos += len(item) + 1
    # product lists with a count or a kind: “A”“B”等特色产品, A、B、C等80余款产品. Only branded
    # items are products here (quoted, led by a place, or a brand before a product word):
    # 黄花菜、小米等120余款产品 lists produce, not anyone's product
    place_ends = {p.start: p.end for p in places}
    for m in _matches(_product_list_re(), text, _product_list_end()):
        for item in re.finditer(r"“([^“”]+)”|([^、“”]+)", m.group(1)):
            start, end = m.start(1) + item.start(), m.start(1) + item.end()
            clean = item.group(1) or item.group(2)
            if item.start() == 0 and item.group(2):  # 开发出X: the clause's verb opens no name
                lead = _clause_lead(clean)  # (but a place written there begins it: 开发出屯留…)
                lead = min([lead] + [p - start for p in place_ends if start <= p < start + lead])
                start, clean = start + lead, clean[lead:]
            if item.group(2) and "的" in clean:  # 受到青睐的新县茶油: the name follows 的
                start += clean.rindex("的") + 1
                clean = clean[clean.rindex("的") + 1:]
            inner = min((p for p in place_ends if start < p < end), default=None)
            if item.group(2) and inner is not None:  # 推介信阳红茶: the name begins at its place
                clean = clean[inner - start:]
                start = inner
            if not 2 <= len(clean) <= 10 or any(taken[start:end]):
                continue
            product_word = next((w for w in lex["thing_list"] if clean.endswith(w)), None)
            if item.group(1) or place_ends.get(start, end) < end or (
                    product_word and lex["things"][product_word] == "Product"
                    and len(clean) - len(product_word) >= 2):
                add(start, end, "Product", clean, clean, {clean})
    return out


def _clause_lead(item: str) -> int:
    """How many characters at the head of ``item`` belong to the clause before a list's first
    name: up to its last adverb, verb, preposition, conjunction, locality or particle by
    jieba's tags (将新增石斛口服液: 将新增; 展销会上有小米: 展销会上有), or up to a verb of
    making or selling that jieba tags as a noun (年加工X, 集中销售X: product_list_words.tsv,
    kind ``verb``)."""
    lead = at = 0
    verbs = read_families("product_list_words.tsv")["verb"]
    for word, flag in _pos_tags(item):
        at += len(word)
        if flag.startswith(("d", "v", "p", "c", "f", "u")) and flag != "vn" or word in verbs:
            lead = at
    return lead if lead <= len(item) - 2 else 0


@lru_cache(maxsize=1)
def _year_event_re() -> re.Pattern[str]:
    """A year (2025, 2025年) directly before a name that ends in an event word of
    ``named_things.tsv`` (交易会, 推介会 …; not the bare 节 or 活动, which end holidays and
    clauses); the name may hold a bracketed place: 霍山县（上海）招商推介会."""
    lex = _lexicons()
    words = [w for w in lex["thing_list"] if lex["things"][w] == "Event" and len(w) > 1
             and not w.endswith("活动")]
    words += [w for w, (cls, _kind) in lex["suffixes"].items() if cls == "Event"]  # 联席会议
    alt = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    marks = "".join(PAIR_MARKS)  # 2025年X协作A区—B县联席会议: two paired places
    return re.compile(rf"(?<![0-9.])((?:19|20)\d{{2}}年?)((?:[\u4e00-\u9fff]|（[\u4e00-\u9fff]{{1,6}}）"
                      rf"|[{marks}](?=[\u4e00-\u9fff])){{2,20}}?({alt}))")


@lru_cache(maxsize=1)
def _product_list_re() -> re.Pattern[str]:
    """A list of products closed by 等 + counts or qualifiers, if any, + a product word
    (product_list_words.tsv): “A”“B”等农产品 lists branded products too."""
    item = r"(?:“[^“”\n，。、]{2,12}”|[\u4e00-\u9fff]{2,12})"
    return re.compile(rf"({item}(?:、{item}|“[^“”\n，。、]{{2,12}}”)*){_product_list_end().pattern}")


@lru_cache(maxsize=1)
def _product_list_end() -> re.Pattern[str]:
    """How a list of products closes (see :func:`_product_list_re`): 等 + counts or
    qualifiers, if any, + a product word; a place's short name may stand before a qualifier
    (等30余种林芝特色产品)."""
    words = read_families("product_list_words.tsv")

    def alt(kind: str) -> str:
        return "|".join(map(re.escape, words[kind]))

    return re.compile(rf"等(?:(?:\d+[余多]?|多)(?:{alt('measure')})|{alt('qualifier')}"
                      rf"|[\u4e00-\u9fff]{{2,4}}?(?=(?:{alt('qualifier')})))*"
                      rf"(?:{alt('product')})")


_HARD_STOPS = set("的了在与和及是为由将从到向对等赴")
_PAIR_DASHES = "—－-–"  # dashes joining the two places of a quoted pair: “东城—屯留”


def _in_quotes(text: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened at most 12 characters before it on the
    same line and not closed before it."""
    head = text[max(0, at - 12):at]
    opened = head.rfind("“")
    return opened >= 0 and "”" not in head[opened:] and "\n" not in head[opened:]
_HARD_STOP_WORDS = ("各类", "各种", "各项", "一批", "多个", "相关", "有关", "一些")
_NON_NAME_TAGS = ("v", "t", "d", "r", "p", "c", "u", "m", "q", "f")


@lru_cache(maxsize=1)
def _project_generic_longest() -> tuple[str, ...]:
    """The generic words of a project's name (合作, 重点, 示范 …), longest first."""
    return tuple(sorted(_lexicons()["project_generic"], key=len, reverse=True))


def _name_part(core: str) -> str:
    """What is left of a name's core once generic words (合作, 重点, 示范 …) and words that are
    no part of a name (verbs, time words, pronouns, adverbial adjectives such as 详细, by
    jieba's tags) are removed."""
    for word in _project_generic_longest():
        core = core.replace(word, "")
    return "".join(word for word, flag in _pos_tags(core)
                   if not (flag.startswith(_NON_NAME_TAGS) and flag != "vn") and flag != "ad")


def _projects(text: str, places: list[_Span], taken: list[bool],
              programs: list[_Span] = ()) -> list[_Span]:
    """Project names ending in 项目, quoted parts and the places written in them included
    (上村镇小南村“千万工程”示范村项目). Scanning left from 项目 stops at punctuation, a one-character
    function word, another mention, or a boundary word once a name stands after it; a place
    is crossed whole (和 in 兴和县 is no boundary)."""
    if "项目" not in text:
        return []
    out = []
    index = _SpanIndex(places)
    place_start = {k: p.start for p in places for k in range(p.start + 1, p.end)}
    program_end = {p.end: p.start for p in programs}
    for m in re.finditer("项目", text):
        end = m.end()
        if taken[m.start()]:
            continue
        if text.startswith(_project_posts(), m.start()):
            continue  # 公司项目经理韩磊: a post, no project
        if _COUNTED.match(text, end):
            continue  # 实施协作项目14个, 共签约项目12个: a count of projects names none
        pos = m.start()
        while pos > 0 and m.start() - pos < MAX_PROJECT:
            if pos in place_start:  # 兴和县冷链物流中心项目: the 和 of 兴和县 ends no phrase
                pos = place_start[pos]
                continue
            ch = text[pos - 1]
            if ch in "“”":
                pos -= 1
                continue
            if ch in _PAIR_DASHES and _is_cjk(text[pos - 2:pos - 1] or "-") and \
                    _in_quotes(text, pos - 1):
                pos -= 1  # “武进—贵南”…基地项目: a dash joins the two sides of a quoted pair
                continue
            if ch == "及" and _joined_head(text, pos - 1, taken) is not None:
                pos = _joined_head(text, pos - 1, taken)
                break
            if pos in program_end and len(_name_part(_unquote(text[pos:m.start()]))) >= 2:
                pos = program_end[pos]  # 沪滇协作澜沧咖啡精深加工项目: the programme opens the name
                break
            if not _is_cjk(ch) or taken[pos - 1] or ch in _HARD_STOPS or \
                    text.endswith(_HARD_STOP_WORDS, 0, pos):
                capacity = _capacity_re().search(text, max(0, pos - 16), pos)
                if capacity and ch.isdigit() and capacity.end() == pos:
                    pos = capacity.start()  # 年产2万吨…项目: the capacity opens the name
                break
            if _ends_with_boundary(text, pos) and len(_name_part(_unquote(text[pos:m.start()]))) >= 2:
                break
            pos -= 1
        while pos < end and text[pos] in "“”":
            pos += 1
        name = _unquote(text[pos:end])
        inner = index.inside(pos, m.start())
        core = name[:-2]
        for p in inner:
            core = core.replace(text[p.start:p.end], "")
        if len(_name_part(core)) < 2:
            continue
        verb = next((k for k in (4, 3, 2) if text[pos:pos + k] in _lexicons()["boundary"]), 0)
        if verb and len(_name_part(_unquote(text[pos + verb:m.start()]))) < 2:
            continue  # ，调研援疆项目: a verb (a boundary word) before generic words names none
        counted = list(_COUNT_BEFORE.finditer(_unquote(text[pos:m.start()])))
        if counted and len(_name_part(_unquote(text[pos:m.start()])[counted[-1].end():])) < 2:
            continue  # “拿地即开工”改革首个试点项目, 两个示范项目: a count or an ordinal before
            # generic words says which project of a kind, it names none
        # keep what follows the last boundary-free stretch: drop a leading verb (建设上村镇…)
        first = min((p.start for p in inner), default=None)
        if first is not None and first > pos and len(_name_part(_unquote(text[pos:first]))) == 0:
            pos = first
            name = _unquote(text[pos:end])
        lead = _clause_head(text[pos:first if first is not None else m.start()])
        if lead is None:
            continue  # 另一个民宿项目: a project referred to, not named
        if lead:
            if len(_name_part(_unquote(text[pos + lead:m.start()]))) < 2:
                continue  # 实地察看协作项目: a verb and generic words
            pos += lead
            name = _unquote(text[pos:end])
        anchor = max(inner, key=lambda p: p.end) if inner else None
        variants = {name}
        quoted = re.fullmatch(r"“([^“”]{2,})”", text[pos - 1:m.start()]) if pos > 0 else None
        if quoted:  # “瑶山星火”项目: the quoted name alone names the project too
            variants.add(quoted.group(1))
        span = _Span(pos, end, "thing", "Project", f"project/{name}", name, variants,
                     anchor.key if anchor else None)
        out.append(span)
        for k in range(pos, end):
            taken[k] = True
    return out


@lru_cache(maxsize=1)
def _project_posts() -> tuple[str, ...]:
    """The titles of titles.tsv that begin with 项目 (项目经理, 项目负责人): a 项目 written
    there ends no project's name."""
    return tuple(w for w in _lexicons()["title_list"] if w.startswith("项目"))


def _clause_head(head: str) -> int | None:
    """How many leading characters of a project name's head (the text before its first place)
    belong to the clause, not the name: up to the last word jieba tags an adverb, preposition
    or particle (中心就残疾儿童…项目; not a verb: 恒锐智能装备制造基地项目 is a name); None when that
    word is a pronoun, numeral or measure word (另一个民宿项目, 这个项目): the project is referred
    to, not named. 0 when the head is not plain text (quotes, digits) or has no such word."""
    if not head or not all(_is_cjk(c) for c in head):
        return 0
    words = _pos_tags(head)
    cut, refers, at, prev = 0, False, 0, ""
    for word, flag in words:
        at += len(word)
        if flag[:1] in ("d", "p", "u"):
            cut, refers = at, False
        elif flag[:1] in ("r", "m") or (flag[:1] == "q" and prev[:1] in ("r", "m")):
            cut, refers = at, True  # a measure word counts only after a number or pronoun
            # (这个, 另一个): 张 of 张庄人家民宿 opens a name, tagged a measure word
        prev = flag
    if cut == len(head):
        return 0  # all of it: leave such heads to the tests above
    return None if refers else cut


_COUNT_BEFORE = re.compile(r"(?:首|[这那每]|[一二三四五六七八九十两]+|\d+)[个批项]")
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两百]+)[余多]?[个项]")


@lru_cache(maxsize=1)
def _capacity_re() -> re.Pattern[str]:
    """A capacity word (capacity_words.tsv) and the number after it: 年产2, 年加工3000."""
    words = "|".join(map(re.escape, sorted(read_words("capacity_words.tsv"), key=len, reverse=True)))
    return re.compile(rf"(?:{words})\d+(?:\.\d+)?")


def _joined_head(text: str, at: int, taken: list[bool]) -> int | None:
    """Where the first of two joined works begins, when the subject of a clause is
    A及B…项目 (道路及管网改造项目由…承建): A runs from the clause's start to 及 at ``at``, a
    short noun phrase with a name part of its own; else None (A is no part of the name)."""
    k = at
    while k > 0 and at - k < 8 and _is_cjk(text[k - 1]) and not taken[k - 1] and \
            text[k - 1] not in _HARD_STOPS:
        k -= 1
    if k == at or (k > 0 and text[k - 1] not in "，。；：！？\n"):
        return None
    head = text[k:at]
    if any(flag.startswith(("v", "d", "p", "r", "t", "c", "u")) and flag != "vn"
           for _word, flag in _pos_tags(head)):
        return None  # 区里实施道路及…: a clause, not a work's name
    return k if len(_name_part(head)) >= 2 else None


def _unquote(text: str) -> str:
    return text.replace("“", "").replace("”", "")
