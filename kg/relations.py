"""Stage 4: relations and attributes, read sentence by sentence from an article's mentions.

``extract(article, mentions)`` returns :class:`~kg.model.Fact` records, each with the sentence
it was read from. Patterns work on the outermost mentions of a sentence (a place inside an
organisation's name is no actor) and on trigger words from ``resources/triggers.tsv``:

* structure of names: a name's place gives ``locatedIn`` (屯留区人民医院 -> 屯留区), a
  department its organisation ``subOrganizationOf`` (清华大学材料学院 -> 清华大学);
* people: ``ORG + job title + NAME`` gives ``worksFor`` and ``jobTitle`` (屯留树人小学校长邢瑛);
  ``与丈夫X`` gives ``spouseOf`` with the article's other person;
* travel (赴/前往/到/走进 + a body or place): ``visited``, or ``trainedAt`` with a training word;
* ``A与B … 合作/开设/对接`` ``partnerOf``; ``A与B签署`` ``signedAgreementWith``;
* ``A为B捐赠`` / ``A联系B无偿提供`` ``donatedTo``, with the sum and, when several donors give it
  together (not 各/分别: the ``each`` family), how many; ``援建/打造/开设 X`` ``establishedBy``;
* ``开展/举办 EVENT`` ``organizerOf`` (and ``locatedIn`` from ``在X开展``); ``参加 EVENT``
  ``participatedIn``;
* amounts after 总投资 / 对口合作资金 (yuan), dates before 开工/竣工/成立 and an event's dates.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

from .model import Article, Evidence, Fact, Mention
from .resources import read_table
from .text import clauses, sentences
from .values import find_amounts, find_dates

AGENT_CLASSES = {
    "Country", "Province", "City", "District", "County", "Town", "Township", "Subdistrict",
    "Village", "Community", "ResidentialCompound", "GovernmentAgency", "PartyOrganization",
    "PartySchool", "School", "University", "Hospital", "HealthCenter", "Company", "Foundation",
    "NonProfit", "MediaOutlet", "PublicInstitution", "Person", "Organization", "HistoricSite",
}
PLACE_CLASSES = {"Country", "Province", "City", "District", "County", "Town", "Township",
                 "Subdistrict", "Village", "Community", "ResidentialCompound"}
DESTINATION_CLASSES = AGENT_CLASSES | {"Facility"}
TITLE_MODIFIERS = ("常务", "执行", "党组", "第一")  # written before a post: 常务副校长
ESTABLISHED_CLASSES = {"Facility", "HistoricSite", "HealthCenter", "Project", "School"}


@lru_cache(maxsize=1)
def _triggers() -> dict[str, tuple[str, ...]]:
    families: dict[str, list[str]] = defaultdict(list)
    for row in read_table("triggers.tsv"):
        families[row[1]].append(row[0])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in families.items()}


@lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex trying ``words`` in their order at each offset (the first that fits wins)."""
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("titles.tsv")}


class _Sentence:
    """One sentence: its span, its outermost mentions and the facts read from it."""

    def __init__(self, article: Article, start: int, end: int, mentions: list[Mention],
                 facts: list[Fact]):
        """``mentions``: those within ``[start, end)``, in article order."""
        self.article, self.start, self.end = article, start, end
        self.text = article.text
        bylined = {(b.start, b.end) for b in article.bylines}  # reporters act in no sentence
        top = [m for m in mentions if not m.nested and (m.start, m.end) not in bylined]
        # a chain of places (北京东城区) names its last place: the others only qualify it
        self.begin: dict[int, int] = {}
        self.mentions: list[Mention] = []
        for m in top:
            prev = self.mentions[-1] if self.mentions else None
            if prev is not None and prev.end == m.start and prev.cls in PLACE_CLASSES and \
                    m.cls in PLACE_CLASSES and prev.start != m.start:
                self.mentions.pop()
                self.begin[id(m)] = self.begin.get(id(prev), prev.start)
            else:
                self.begin[id(m)] = m.start
            self.mentions.append(m)
        self.facts = facts
        self.evidence = Evidence(article.id, start, end, self.text[start:end])
        self._clauses: list[tuple[int, int]] | None = None

    def add(self, s: Mention | str, p: str, o: Mention | str, literal: bool = False,
            qualifier: str = "", amount: str = "", basis: str = "", joint_donors: int = 0
            ) -> None:
        skey = s if isinstance(s, str) else s.key
        okey = o if isinstance(o, str) else o.key
        if skey != okey:
            self.facts.append(Fact(skey, p, okey, self.evidence, literal, qualifier, amount,
                                   basis, joint_donors))

    def find(self, words: tuple[str, ...], lo: int | None = None, hi: int | None = None):
        """(offset, word) of each trigger word in [lo, hi), left to right, not overlapping."""
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        if not words:
            return []
        pattern = _alternation(words)
        out, i = [], lo
        while (m := pattern.search(self.text, i, hi)) is not None:
            i, word = m.start(), m.group()
            if not any(x.start <= i < x.end for x in self.mentions):
                out.append((i, word))
                i += len(word)
            else:
                i += 1
        return out

    def clause_of(self, pos: int) -> tuple[int, int]:
        if self._clauses is None:
            self._clauses = clauses(self.text, self.start, self.end)
        for a, b in self._clauses:
            if a <= pos < b:
                return a, b
        return self.start, self.end

    def agents_before(self, pos: int, classes=AGENT_CLASSES) -> list[Mention]:
        """The actors of a verb at ``pos``: the mentions of its clause before it, less places
        introduced by 在 (location) and destinations of a travel word; when the clause has
        none, the sentence's first actors (a subject shared by its clauses)."""
        a, _b = self.clause_of(pos)
        found = [m for m in self.mentions if a <= m.start and m.end <= pos and m.cls in classes
                 and not self.is_location(m) and not self._is_destination(m)]
        if found:
            return self._group(found)
        first = [m for m in self.mentions if m.end <= pos and m.cls in classes
                 and not self.is_location(m) and not self._is_destination(m)]
        return self._group(first, first=True) if first else []

    def _group(self, found: list[Mention], first: bool = False) -> list[Mention]:
        """The list of coordinated names (A、B和C, A携B) nearest the verb, or the first one."""
        groups: list[list[Mention]] = []
        for m in found:
            if groups and self._coordinated(groups[-1][-1], m):
                groups[-1].append(m)
            else:
                groups.append([m])
        if not first:
            return groups[-1]
        head = groups[0][-1]  # 普陀区副区长陈嘉明…，并参观X: the subject shared is the person
        person = next((m for m in found if m.start >= head.end and m.cls == "Person"), None)
        if person is not None and self._title_between(head, person):
            return [person]
        return groups[0]

    def _title_between(self, a: Mention, b: Mention) -> bool:
        """Whether only a post (副区长, 常务副校长) stands between ``a`` and ``b``."""
        gap = self.text[a.end:self.start_of(b)]
        return 0 < len(gap) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", gap) is not None and any(
            gap.endswith(t) and kind == "job" and len(gap) - len(t) <= 4 for t, kind in _titles().items())

    def start_of(self, m: Mention) -> int:
        """Where a mention's name begins, places written before it included (北京|东城区)."""
        return self.begin.get(id(m), m.start)

    def _coordinated(self, a: Mention, b: Mention) -> bool:
        gap = self.text[a.end:self.start_of(b)]
        if gap == "" and a.cls not in PLACE_CLASSES and b.cls not in PLACE_CLASSES:
            return a.start != b.start  # 江西济民药业宋庆龄基金会: two names side by side
        return gap in ("、", "和", "及", "以及", "携", "与") or (
            re.fullmatch(r"、?[\u4e00-\u9fff]{0,4}(?:主任|书记|校长|局长|院长|经理|部长|负责人)", gap)
            is not None and b.cls == "Person")

    def is_location(self, m: Mention) -> bool:
        begin = self.start_of(m)
        before = self.text[max(self.start, begin - 1):begin]
        return before == "在" or (before == "于" and m.cls in PLACE_CLASSES)

    def _is_destination(self, m: Mention) -> bool:
        moves = tuple(_triggers()["move"])
        begin = self.start_of(m)
        return self.text[max(self.start, begin - 2):begin].endswith(moves) or any(
            self.text[max(self.start, self.start_of(o) - 2):self.start_of(o)].endswith(moves)
            and self._coordinated_chain(o, m) for o in self.mentions if o.end <= m.start)

    def _coordinated_chain(self, a: Mention, b: Mention) -> bool:
        chain = [m for m in self.mentions if a.start <= m.start <= b.start]
        return len(chain) > 1 and all(self.text[x.end:self.start_of(y)] in ("、", "和", "及")
                                      for x, y in zip(chain, chain[1:]))

    def list_after(self, pos: int, classes=DESTINATION_CLASSES, gap: int = 0) -> list[Mention]:
        """The names right after ``pos`` (within ``gap`` characters) and those coordinated
        with them: 到北京东城区非遗中心、北大红楼、蒙藏学校旧址."""
        first = next((m for m in self.mentions if pos <= self.start_of(m) <= pos + gap), None)
        if first is None or first.cls not in classes:
            return []
        out = [first]
        for m in self.mentions:
            if m.start > out[-1].start and \
                    self.text[out[-1].end:self.start_of(m)] in ("、", "和", "及"):
                out.append(m)
        return out


def extract(article: Article, mentions: list[Mention]) -> list[Fact]:
    """The facts of one article: relations between mention keys and attributes with literal
    values (yuan, ISO dates, job titles). Each fact carries its sentence as evidence."""
    facts: list[Fact] = []
    recent_project: Mention | None = None
    pairs: list[tuple[Mention, Mention]] = []  # A与B pairs so far, for 双方/两地
    structural: set[tuple[str, str, str]] = set()
    spans = sentences(article.text)
    within: list[list[Mention]] = [[] for _ in spans]  # the mentions of each sentence, in order
    starts = [a for a, _b in spans]
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and m.end <= spans[k][1]:
            within[k].append(m)
    for (start, end), inside in zip(spans, within):
        s = _Sentence(article, start, end, inside, facts)
        _structure(s, inside, structural)
        _people(s, mentions)
        _travel(s)
        _partners(s, pairs)
        _donations(s)
        _establishment(s)
        _events(s)
        recent_project = _figures(s, recent_project)
        _dates(s, recent_project)
        _placement(s, mentions)
    _bylines(article, facts)
    return facts


def _structure(s: _Sentence, all_mentions: list[Mention], done: set) -> None:
    """What a name says by itself, with the first sentence that writes it as evidence."""
    def once(subject: str, predicate: str, obj: str, basis: str = "") -> None:
        if (subject, predicate, obj) not in done:
            done.add((subject, predicate, obj))
            s.add(subject, predicate, obj, basis=basis)

    place_ends = {m.end for m in all_mentions if m.cls in PLACE_CLASSES}
    for m in all_mentions:
        if m.org:
            if m.cls == "Project" or m.cls == "HistoricSite":
                if not m.parent:
                    once(m.key, "locatedIn", m.org)
            else:
                once(m.key, "subOrganizationOf", m.org)
        if m.parent and m.cls != "Person":
            # a place's division is written before it (上村镇小南村) or known from the gazetteer
            written = m.cls not in PLACE_CLASSES or m.start in place_ends
            once(m.key, "locatedIn", m.parent, "" if written else "gazetteer")


def _people(s: _Sentence, mentions: list[Mention]) -> None:
    """ORG + title + NAME -> worksFor and jobTitle; title + NAME -> jobTitle; 与丈夫X -> spouseOf."""
    titles = _titles()
    for m in s.mentions:
        if m.cls != "Person":
            continue
        head = s.text[s.start:m.start]
        title = next((t for t in sorted(titles, key=len, reverse=True)
                      if head.rstrip(" ").endswith(t)), None)
        if title is None:
            continue
        kind = titles[title]
        if kind == "spouse":
            others = {x.key for x in mentions if x.cls == "Person" and x.key != m.key}
            bylined = {f"person/{b.name}" for b in s.article.bylines}
            partner = others - bylined
            if len(partner) == 1:
                s.add(m, "spouseOf", partner.pop())
            continue
        if kind != "job":
            continue
        title_start = len(head.rstrip(" ")) - len(title) + s.start
        for modifier in TITLE_MODIFIERS:  # 常务副校长: the post as written
            if s.text.endswith(modifier, s.start, title_start):
                title_start -= len(modifier)
                title = modifier + title
                break
        s.add(m, "jobTitle", title, literal=True)
        # ORG 校长A、副校长B: B works where A does
        prev = next((p for p in s.mentions if p.cls == "Person" and p.end == title_start - 1), None)
        if prev is not None and s.text[title_start - 1] == "、":
            for f in list(s.facts):
                if f.subject == prev.key and f.predicate == "worksFor" and f.evidence == s.evidence:
                    s.add(m, "worksFor", f.obj)
            continue
        # walk back over "ORG title、ORG title" chains
        end = title_start
        while True:
            org = next((o for o in s.mentions if o.end == end and o.cls not in ("Person",)), None)
            if org is None or org.cls in PLACE_CLASSES and org.cls not in ("Community",):
                break
            s.add(m, "worksFor", org)
            if org.start < s.start + 1 or s.text[org.start - 1] != "、":
                break
            prev_head = s.text[s.start:org.start - 1]
            prev_title = next((t for t in sorted(titles, key=len, reverse=True)
                               if prev_head.endswith(t) and titles[t] == "job"), None)
            if prev_title is None:
                break
            s.add(m, "jobTitle", prev_title, literal=True)
            end = org.start - 1 - len(prev_title)


def _travel(s: _Sentence) -> None:
    trig = _triggers()
    training = any(w in s.text[s.start:s.end] for w in trig["training"])
    for pos, word in s.find(trig["move"]):
        end = pos + len(word)
        dests = s.list_after(end + 1 if s.text.startswith("了", end) else end)
        if not dests:
            continue
        agents = s.agents_before(pos)
        after = s.text[pos:s.end]
        trains = training and any(w in after for w in trig["training"])
        for a in agents:
            for d in dests:
                if d.cls == "Person":
                    continue
                s.add(a, "trainedAt" if trains else "visited", d)
                if d.org and not trains and d.cls not in ("Facility", "HistoricSite"):
                    s.add(a, "visited", d.org)  # a department's visitors visit its organisation


def _partners(s: _Sentence, pairs: list[tuple[Mention, Mention]]) -> None:
    trig = _triggers()
    for pos, word in s.find(trig["both"]):  # 双方签署了协议: the last pair named with 与
        a, b = s.clause_of(pos)
        if any(m.start == pos + len(word) for m in s.mentions):
            continue  # 两地党校 names the bodies of both sides, see mentions._both_sides
        if pairs and any(w in s.text[pos:b] for w in trig["sign"]):
            s.add(pairs[-1][0], "signedAgreementWith", pairs[-1][1])
        elif pairs and any(w in s.text[pos:b] for w in trig["partner"]):
            s.add(pairs[-1][0], "partnerOf", pairs[-1][1])
    for pos, word in s.find(("与", "同", "携")):
        a, b = s.clause_of(pos)
        clause = s.text[a:b]
        left = [m for m in s.mentions if a <= m.start and m.end <= pos and m.cls in AGENT_CLASSES | {"Project"}]
        right = [m for m in s.mentions if pos < m.start and m.end <= b and m.cls in AGENT_CLASSES]
        if not left or not right:
            continue
        x, y = left[-1], right[0]
        if s.text[x.end:pos] == "" and s.text[pos + 1:s.start_of(y)] == "":
            pairs.append((x, y))
        signs = any(w in clause for w in trig["sign"])
        if signs:
            parties = [m for m in s.mentions if a <= m.start and m.end <= b
                       and m.cls in AGENT_CLASSES - PLACE_CLASSES]
            before = [m for m in parties if m.end <= pos]
            after = [m for m in parties if m.start > pos]
            if not before and len(after) >= 2 and after[0].start == after[1].start:
                before, after = after[:1], after[1:2]  # 两地党校: one body on each side
            if before and after:
                s.add(before[-1], "signedAgreementWith", after[0])
            else:  # no body on either side: the places themselves sign (屯留区与东城区签订…)
                s.add(x, "signedAgreementWith", y)
            if not (x.cls in PLACE_CLASSES and y.cls in PLACE_CLASSES):
                continue
        tail = s.text[y.end:b]
        if word == "携" or any(w in tail for w in trig["partner"]):
            s.add(x, "partnerOf", y)


def _donations(s: _Sentence) -> None:
    """A为B捐赠 / A联系B无偿提供 -> donatedTo, with the sum the clause gives (yuan). Several
    donors before one donation verb give its sum together (A、B、C为D捐赠350余万元: one sum,
    marked on each fact as given jointly by 3) unless a word of the ``each`` family stands
    between the last donor and the sum (A、B为D各捐赠100万元, A、B分别为D捐赠: each donor's own)."""
    trig = _triggers()
    for pos, word in s.find(trig["donate"]):
        donors, recipients = [], []
        for rpos, marker in s.find(trig["recipient"], s.clause_of(pos)[0], pos):
            after = s.list_after(rpos + len(marker), AGENT_CLASSES)
            if after:
                recipients = after
                donors = s.agents_before(rpos)
        if not recipients:
            continue
        _a, b = s.clause_of(pos)
        sums = find_amounts(s.text[pos:b])  # 捐赠350余万元的药品
        amount, qualifier = (str(sums[0].yuan), sums[0].qualifier) if sums else ("", "")
        givers = len({d.key for d in donors})
        joint = givers if sums and givers > 1 and not _each(
            s, donors[-1].end, pos + sums[0].start) else 0
        for d in donors:
            for r in recipients:
                s.add(d, "donatedTo", r, qualifier=qualifier, amount=amount, joint_donors=joint)


def _each(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` says the sum is each donor's own (各, 分别, 每家 ...: the ``each``
    family), a ``not-each`` word (各类物资, 社会各界) not counting."""
    trig = _triggers()
    words = tuple(sorted(trig["each"] + trig["not-each"], key=len, reverse=True))
    return any(word in trig["each"] for _pos, word in s.find(words, lo, hi))


def _establishment(s: _Sentence) -> None:
    """援建/打造/开设 X -> X establishedBy the actors; a facility stands where 在X says, or
    where its founder is."""
    trig = _triggers()
    for pos, word in s.find(trig["establish"]):
        end = pos + len(word)
        a0, b = s.clause_of(pos)
        objects = [m for m in s.mentions if end <= m.start <= min(b, end + 20)
                   and m.cls in ESTABLISHED_CLASSES]
        if word == "建设":
            objects = [m for m in objects if m.cls in ("Facility", "HealthCenter")]
        if not objects:
            continue
        obj = objects[0]
        gap = s.text[end:s.start_of(obj)]
        if gap and not re.fullmatch(r"了|的|出|(?:\d+|[一二三四五六七八九十两]+)个", gap) and \
                not (gap.endswith("的") and len(gap) <= 20):
            continue
        written = [m for m in s.mentions if a0 <= m.start < pos and m.cls in PLACE_CLASSES
                   and s.is_location(m)]  # 在屯留区打造: where the text says it stands
        for a in s.agents_before(pos, AGENT_CLASSES - {"Person"}):
            s.add(obj, "establishedBy", a)
            if obj.cls == "Facility" and not written:  # else where its founder is
                place = a.key if a.cls in PLACE_CLASSES else a.parent
                if place:
                    s.add(obj, "locatedIn", place)
        if obj.cls == "Facility":
            for m in written:
                s.add(obj, "locatedIn", m)


def _events(s: _Sentence) -> None:
    """开展/举办 EVENT -> organizerOf (and locatedIn from 在X开展); 参加 EVENT, EVENT上参展 ->
    participatedIn."""
    trig = _triggers()
    for pos, word in s.find(trig["organize"] + trig["participate"]):
        end = pos + len(word)
        between_ok = PLACE_CLASSES | {"CooperationProgram", "Event"}
        events = [m for m in s.mentions if end <= m.start <= end + 16 and m.cls == "Event"
                  and not any(end <= o.start and o.end <= m.start and o.cls not in between_ok
                              for o in s.mentions)]
        if word in trig["organize"] and events and any(
                end <= p < events[0].start for p, _w in s.find(trig["participate"])):
            events = []  # 组织企业参加服贸会: the fair is attended, not organised
        if word == "参展":  # 争取到3个服贸会上参展名额: the event is written just before
            before = [m for m in s.mentions if m.cls == "Event" and 0 <= pos - m.end <= 1]
            if before:
                ev = before[-1]
                agents = [m for m in s.mentions if m.end <= ev.start and m.cls in AGENT_CLASSES]
                if agents:
                    s.add(agents[-1], "participatedIn", ev)
            continue
        if not events:
            continue
        ev = events[0]
        agents = s.agents_before(pos, AGENT_CLASSES - {"Person"} if word in trig["organize"] else AGENT_CLASSES)
        relation = "organizerOf" if word in trig["organize"] else "participatedIn"
        for a in agents:
            s.add(a, relation, ev)
        if relation == "organizerOf":
            a, _b = s.clause_of(pos)
            for m in s.mentions:
                if a <= m.start < pos and s.is_location(m) and m.cls in PLACE_CLASSES:
                    s.add(ev, "locatedIn", m)


def _figures(s: _Sentence, recent: Mention | None) -> Mention | None:
    """总投资 / 对口合作资金 + amount -> totalInvestment / cooperationFunding of the project
    named before it in the sentence (or the article's last project when the sentence only
    says 项目)."""
    trig = _triggers()
    projects = [m for m in s.mentions if m.cls == "Project"]
    for family, attr in (("total", "totalInvestment"), ("funding", "cooperationFunding")):
        for pos, word in s.find(trig[family]):
            amounts = [a for a in find_amounts(s.text[pos:s.end]) if a.start <= len(word) + 4]
            if not amounts:
                continue
            subject = next((p for p in reversed(projects) if p.end <= pos), None)
            if subject is None:  # 帮扶资金300万元用于屯留区养殖项目
                _a, b = s.clause_of(pos)
                used = s.text.find("用于", pos, b)
                subject = next((p for p in projects if used >= 0 and p.start >= used), None)
            subject = subject or recent
            if subject is None:
                continue
            amount = amounts[0]
            s.add(subject, attr, str(amount.yuan), literal=True, qualifier=amount.qualifier)
    return projects[-1] if projects else recent


DATED_CLASSES = ("Project", "Event", "Facility", "HistoricSite", "GovernmentAgency", "School",
                 "HealthCenter", "PublicInstitution", "NonProfit", "Company", "Hospital")


def _dates(s: _Sentence, recent_project: Mention | None) -> None:
    """A date is read by the first start/end/founding word after it (7月启动到完工: 7月 is the
    start) as that attribute of the thing named nearest before the word (or of the article's
    last project when the sentence says only 项目). The first event of a sentence takes the
    sentence's first date as its start (and end, for a range)."""
    trig = _triggers()
    dates = find_dates(s.text[s.start:s.end], s.article.year)
    if not dates:
        return
    words = sorted(
        [(pos, attr) for family, attr in (("start", "startDate"), ("end", "endDate"),
                                          ("founding", "foundingDate"))
         for pos, _w in s.find(trig[family])])
    candidates = [m for m in s.mentions if m.cls in DATED_CLASSES]
    for date in dates:
        at = s.start + date.stop
        word = next(((pos, attr) for pos, attr in words if pos >= at), None)
        if word is None:
            continue
        pos, attr = word
        subject = next((m for m in reversed(candidates) if m.end <= pos), None)
        if subject is None and "项目" in s.text[s.start:pos]:
            subject = recent_project
        if subject is None:
            continue
        s.add(subject, attr, date.start, literal=True)
        if attr == "founding" or attr == "foundingDate":
            for m in s.mentions:  # 在北京东城区…挂牌成立: where it was founded
                if m.end <= pos and s.is_location(m) and m.cls in PLACE_CLASSES:
                    s.add(subject, "locatedIn", m)
    events = [m for m in s.mentions if m.cls == "Event"]
    if events and dates[0].stop <= events[0].start - s.start:
        s.add(events[0], "startDate", dates[0].start, literal=True)
        if dates[0].end:
            s.add(events[0], "endDate", dates[0].end, literal=True)


def _placement(s: _Sentence, mentions: list[Mention]) -> None:
    """X位于Y and PLACE的X (屯留区岗上村的抗大一分校) give locatedIn; X may be a bare body word
    standing for the last name of the article that ends in it (活动室位于… -> “邻里暖心”活动室)."""
    for pos, _w in s.find(("位于", "坐落于", "地处")):
        after = s.list_after(pos + 2, PLACE_CLASSES | {"Facility", "HistoricSite"}, gap=1)
        if not after:
            continue
        before = [m for m in s.mentions if m.end == pos]
        if not before:
            a, _b = s.clause_of(pos)
            head = s.text[a:pos]
            before = [m for m in reversed(mentions) if m.end <= a and m.cls not in PLACE_CLASSES
                      and len(head) >= 2 and m.label.endswith(head[-3:])][:1]
        for m in before:
            s.add(m, "locatedIn", after[0])
    for place, thing in zip(s.mentions, s.mentions[1:]):
        if place.cls in PLACE_CLASSES and thing.cls in (AGENT_CLASSES | {"Facility"}) - PLACE_CLASSES - {"Person"} \
                and s.text[place.end:s.start_of(thing)] == "的":
            s.add(thing, "locatedIn", place)


def _bylines(article: Article, facts: list[Fact]) -> None:
    """Reporters of the byline: jobTitle as written there (记者, 通讯员, 实习生)."""
    for b in article.bylines:
        line_start = article.text.rfind("\n", 0, b.start) + 1
        line_end = article.text.find("\n", b.end)
        line_end = len(article.text) if line_end < 0 else line_end
        ev = Evidence(article.id, line_start, line_end, article.text[line_start:line_end])
        facts.append(Fact(f"person/{b.name}", "jobTitle", b.title, ev, literal=True))
