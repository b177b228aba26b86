"""Stage 4: relations and attributes, read sentence by sentence from an article's mentions.

``extract(article, mentions)`` returns :class:`~kg.model.Fact` records, each with the sentence
it was read from. Patterns work on the outermost mentions of a sentence (a place inside an
organisation's name is no actor) and on trigger words from ``resources/triggers.tsv``:

* structure of names: a name's place gives ``locatedIn`` (屯留区人民医院 -> 屯留区), a
  department its organisation ``subOrganizationOf`` (清华大学材料学院 -> 清华大学);
* people: ``ORG + job title + NAME`` gives ``worksFor`` and ``jobTitle`` (屯留树人小学校长邢瑛);
  ``NAME担任ORG+title`` the same; ``A和妻子B`` gives ``spouseOf`` (``与丈夫X`` with the paragraph's one other person);
* travel (赴/前往/到/走进/来 + a body or place): ``visited``, or ``trainedAt`` with a training word;
  ``A举办B…培训班`` ``trainedAt`` too (B's people are trained by A);
  nothing when the clause invites (邀请对方来屯留考察: the visit is only asked for);
* ``A与B … 合作/开设/对接`` ``partnerOf``; ``A与B签署`` ``signedAgreementWith``;
* ``A为B捐赠`` / ``A联系B无偿提供`` / ``A捐赠给B`` / ``A捐资…用于B`` ``donatedTo``, with the sum
  and, when several donors give it together (not 各/分别: the ``each`` family), how many; ``援建/打造/开设 X`` ``establishedBy``;
* ``开展/举办 EVENT`` ``organizerOf`` (and ``locatedIn`` from ``在X开展``); ``参加 EVENT``
  ``participatedIn``;
* ``X在PLACE挂牌成立/开业`` ``locatedIn`` PLACE, which overrides the home place X's name begins
  with when it lies elsewhere;
* amounts after 总投资 / 对口合作资金 (yuan) of the project, or the facility, named before; dates before 开工/竣工/成立 and an event's dates.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

from .model import Article, Evidence, Fact, Mention
from .resources import read_families, read_table, read_words
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
    """The trigger words of ``triggers.tsv`` by family, longest first."""
    return read_families("triggers.tsv")


@lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex trying ``words`` in their order at each offset (the first that fits wins)."""
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=None)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` longest first (a stable sort: words of one length keep their order)."""
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _travel_triggers() -> tuple[tuple[str, ...], frozenset[str]]:
    """(the ``move``, ``come`` and ``not-travel`` words, longest first; the ``not-travel``
    words): see :meth:`_Sentence.travel_words`."""
    trig = _triggers()
    return (_longest_first(trig["move"] + trig["come"] + trig["not-travel"]),
            frozenset(trig["not-travel"]))


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("titles.tsv")}


@lru_cache(maxsize=1)
def _titles_longest() -> tuple[str, ...]:
    """The titles of titles.tsv, longest first: the first that a text ends with is the
    longest."""
    return _longest_first(tuple(_titles()))


@lru_cache(maxsize=1)
def _job_titles_longest() -> tuple[str, ...]:
    """The job titles of titles.tsv (kind ``job``), longest first."""
    titles = _titles()
    return tuple(t for t in _titles_longest() if titles[t] == "job")


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    """Every job title of titles.tsv, bare or after one of :data:`TITLE_MODIFIERS`."""
    return frozenset(m + t for t in _job_titles_longest() for m in ("",) + TITLE_MODIFIERS)


class _Sentence:
    """One sentence: its span, its outermost mentions and the facts read from it."""

    def __init__(self, article: Article, start: int, end: int, mentions: list[Mention],
                 facts: list[Fact]):
        """``mentions``: those within ``[start, end)``, in article order."""
        self.article, self.start, self.end = article, start, end
        self.text = article.text
        top = [m for m in mentions if not m.nested]
        if article.bylines:  # reporters act in no sentence
            bylined = {(b.start, b.end) for b in article.bylines}
            top = [m for m in top if (m.start, m.end) not in bylined]
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
        if not words:
            return []
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        pattern = _alternation(words)
        if (m := pattern.search(self.text, lo, hi)) is None:
            return []  # most sentences: none of the words
        out = []
        while m is not None:
            i, word = m.start(), m.group()
            if not any(x.start <= i < x.end for x in self.mentions):
                out.append((i, word))
                i += len(word)
            else:
                i += 1
            m = pattern.search(self.text, i, hi)
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
                 and not self.is_location(m) and not self._is_destination(m)
                 and not self._is_beneficiary(m)]
        if found:
            return self._group(found)
        first = [m for m in self.mentions if m.end <= pos and m.cls in classes
                 and not self.is_location(m) and not self._is_destination(m)
                 and not self._speaker(m) and not self._is_beneficiary(m)]
        return self._group(first, first=True) if first else []

    def _speaker(self, m: Mention) -> bool:
        """Whether a person's clause ends in a word of speech (张伟表示，医院已选派…): what
        follows is what the person says, whose actors are not the speaker."""
        if m.cls != "Person":
            return False
        _a, b = self.clause_of(m.start)
        return self.text[m.end:b].rstrip("：:").endswith(_triggers()["speech"])

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
        return gap in ("、", "和", "及", "以及", "携", "与") or b.cls == "Person" and (
            re.fullmatch(r"、?[\u4e00-\u9fff]{0,4}(?:主任|书记|校长|局长|院长|经理|部长|负责人)", gap)
            is not None or _posts_only(gap))

    def _is_beneficiary(self, m: Mention) -> bool:
        """Whether 为/给 introduces ``m``: what is done for it (为B援建), not by it."""
        begin = self.start_of(m)
        return self.text[max(self.start, begin - 1):begin] in ("为", "给")

    def is_location(self, m: Mention) -> bool:
        begin = self.start_of(m)
        before = self.text[max(self.start, begin - 1):begin]
        return before == "在" or (before == "于" and m.cls in PLACE_CLASSES)

    def _is_destination(self, m: Mention) -> bool:
        return self._after_move(m) or any(
            self._after_move(o) and self._coordinated_chain(o, m)
            for o in self.mentions if o.end <= m.start)

    def _after_move(self, m: Mention) -> bool:
        """Whether a travel word (move, or a ``come`` 来) that no ``not-travel`` word such as
        以来 or 受到 contains is written right before the name."""
        trig = _triggers()
        begin = self.start_of(m)
        before = self.text[max(self.start, begin - 3):begin]
        return before.endswith(trig["move"] + trig["come"]) and \
            not before.endswith(trig["not-travel"])

    def travel_words(self) -> list[tuple[int, str]]:
        """(offset, word) of the travel words of the sentence: the ``move`` family, and 来
        (``come``), where they are no part of a ``not-travel`` word (以来, 带来, 来自, 受到)."""
        words, not_travel = _travel_triggers()
        return [(pos, w) for pos, w in self.find(words) if w not in not_travel]

    def invited(self, pos: int) -> bool:
        """Whether the travel word at ``pos`` follows an invitation in its clause (A邀请B来C考察:
        A does not travel, and B's visit is only asked for), unless the clause says the
        invitation was accepted (应A邀请, 受A邀请: the ``invite-accepted`` family)."""
        a, _b = self.clause_of(pos)
        found = self.find(_triggers()["invite"], a, pos)
        return bool(found) and not any(
            w in self.text[a:found[0][0]] for w in _triggers()["invite-accepted"])

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
    structural_facts: list[Fact] = []
    sited: list[Fact] = []
    guessed: list[Fact] = []  # a facility placed where its founder is: the text may say better
    for (start, end), inside in zip(spans, within):
        s = _Sentence(article, start, end, inside, facts)
        before = len(facts)
        _structure(s, inside, structural)
        structural_facts.extend(facts[before:])
        _people(s, mentions)
        _appointments(s)
        _travel(s)
        _partners(s, pairs)
        _donations(s)
        guessed.extend(_establishment(s))
        _built_by_passive(s)
        _classes(s)
        _events(s)
        if recent_project is not None and article.text.find("\n", recent_project.end, start) >= 0:
            recent_project = None  # 项目 points back within its paragraph, not to another's
        recent_project = _figures(s, recent_project)
        _dates(s, recent_project)
        sited.extend(_sited(s))
        _placement(s, mentions)
    facts = _written_place_wins(facts, structural_facts + guessed, sited)
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
        head = s.text[s.start:m.start].rstrip(" ")
        if not head.endswith(_titles_longest()):  # one test for all: most names follow none
            continue
        title = next(t for t in _titles_longest() if head.endswith(t))
        kind = titles[title]
        if kind == "spouse":
            partner = _spouse(s, m, len(head) - len(title) + s.start, mentions)
            if partner is not None:
                s.add(m, "spouseOf", partner)
            continue
        if kind != "job":
            continue
        title_start = len(head) - len(title) + s.start
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
        # ORG 副书记、县长NAME: one person's posts in one body, listed before the name
        while title_start - 1 > s.start and s.text[title_start - 1] == "、":
            earlier = _job_title_before(s, title_start - 1)
            if earlier is None:
                break
            title, title_start = earlier
            s.add(m, "jobTitle", title, literal=True)
        # walk back over "ORG title、ORG title" chains
        end = title_start
        while True:
            org = next((o for o in s.mentions if o.end == end and o.cls not in ("Person",)), None)
            if org is None:  # 某医院消化内科副主任医师: the body before its department
                org = _department_gap(s, end)
            if org is None:  # 和龙市委副书记、市长金成浩: the first post names the organisation
                prev_title = _job_before(s, end - 1) if s.text[end - 1:end] == "、" else None
                if prev_title is None or not any(
                        o.end == end - 1 - len(prev_title) for o in s.mentions):
                    break
                s.add(m, "jobTitle", prev_title, literal=True)
                end = end - 1 - len(prev_title)
                continue
            if org.cls in PLACE_CLASSES and org.cls not in ("Community",):
                break
            s.add(m, "worksFor", org)
            if org.start < s.start + 1 or s.text[org.start - 1] != "、":
                break
            prev_head = s.text[s.start:org.start - 1]
            prev_title = next((t for t in _job_titles_longest() if prev_head.endswith(t)), None)
            if prev_title is None:
                break
            s.add(m, "jobTitle", prev_title, literal=True)
            end = org.start - 1 - len(prev_title)


@lru_cache(maxsize=1)
def _department_pattern() -> re.Pattern[str]:
    words = sorted(read_words("department_words.tsv"), key=len, reverse=True)
    return re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?:{'|'.join(map(re.escape, words))})")


def _department_gap(s: _Sentence, end: int) -> Mention | None:
    """The body whose department (department_words.tsv: 消化内科, 基础教育科) is written
    between it and a title beginning at ``end``: 东城区第一人民医院消化内科副主任医师李明 works
    for the hospital. None when no body ends right before such a department name, or another
    name stands between."""
    for o in reversed(s.mentions):
        if o.end >= end or o.cls == "Person" or o.cls in PLACE_CLASSES:
            continue
        if any(o.end <= m.start < end for m in s.mentions):
            return None
        return o if _department_pattern().fullmatch(s.text, o.end, end) else None
    return None


def _posts_only(gap: str) -> bool:
    """Whether ``gap`` is only posts joined by 、 (副书记、县长): the posts of the person after
    it, in the body before it (武川县委副书记、县长刘志刚带队赴丰台区: both travel)."""
    parts = gap.split("、")
    return len(parts) > 1 and all(p in _posts() for p in parts)


def _job_before(s: _Sentence, end: int) -> str | None:
    """The job title written just before ``end``, with its modifier (党组书记, 常务副校长)."""
    found = _job_title_before(s, end)
    return found[0] if found else None


def _job_title_before(s: _Sentence, end: int) -> tuple[str, int] | None:
    """The job title written right before ``end`` with its modifier (常务副县长), and where it
    begins; None when the text there ends with no job title."""
    title = next((t for t in _job_titles_longest() if s.text.endswith(t, s.start, end)), None)
    if title is None:
        return None
    begin = end - len(title)
    modifier = next((w for w in TITLE_MODIFIERS if s.text.endswith(w, s.start, begin)), "")
    return modifier + title, begin - len(modifier)


def _job_title_at(s: _Sentence, at: int) -> str | None:
    """The job title written from ``at`` on, with its modifier (执行院长), or None."""
    modifier = next((w for w in TITLE_MODIFIERS if s.text.startswith(w, at, s.end)), "")
    title = next((t for t in _job_titles_longest()
                  if s.text.startswith(t, at + len(modifier), s.end)), None)
    return None if title is None else modifier + title


def _appointments(s: _Sentence) -> None:
    """NAME … 担任/现任/出任/兼任/任 [ORG] title(、title) -> jobTitle, and worksFor the body
    named (王建国担任和龙市人民医院执行院长): the posts are those of the last person named before
    the verb (赵某被派驻屯留区，担任屯留区中医院执行院长), unless they introduce the next name
    (担任院长的李某) or the text names nobody before. A post held before or only proposed
    (曾任, 原任, 不再担任, 拟任: the ``not-appoint`` family, which also holds words with 任 that
    are no appointment: 主任, 任务) says nothing of where the person works now."""
    trig = _triggers()
    words = _longest_first(trig["appoint"] + trig["not-appoint"])
    for pos, word in s.find(words):
        if word in trig["not-appoint"]:
            continue
        person = next((m for m in reversed(s.mentions) if m.cls == "Person" and m.end <= pos),
                      None)
        if person is None:
            continue
        at = pos + len(word)
        at += 1 if s.text.startswith("了", at, s.end) else 0
        body = next((m for m in s.mentions if s.start_of(m) == at and m.cls != "Person"), None)
        if body is not None:
            at = body.end
        elif len(word) == 1:
            continue  # a bare 任 only before a body and its title (任东城区教育局局长)
        posts = []
        while (title := _job_title_at(s, at)) is not None:
            posts.append(title)
            at += len(title)
            if not s.text.startswith("、", at, s.end):
                break
            at += 1
        if not posts or s.text.startswith("的", at, s.end) or any(
                m.start == at and m.cls == "Person" for m in s.mentions):
            continue
        for title in posts:
            s.add(person, "jobTitle", title, literal=True)
        if body is not None and (body.cls not in PLACE_CLASSES or body.cls == "Community"):
            s.add(person, "worksFor", body)


def _spouse(s: _Sentence, m: Mention, word_start: int, mentions: list[Mention]) -> str | None:
    """The spouse of ``m``, written ``X和妻子m`` / ``X与丈夫m``: the person X right before the
    conjunction; else, when no name is written there (一位“平顺媳妇”与丈夫m), the one other
    person of ``m``'s paragraph (a spouse is introduced beside the partner, not in another
    part of the article; reporters of the byline excepted)."""
    if word_start > s.start and s.text[word_start - 1] in "和与同及跟":
        prev = next((p for p in s.mentions if p.end == word_start - 1), None)
        if prev is not None:
            return prev.key if prev.cls == "Person" else None
    text = s.article.text
    lo = text.rfind("\n", 0, m.start) + 1
    hi = text.find("\n", m.end)
    hi = len(text) if hi < 0 else hi
    bylined = {f"person/{b.name}" for b in s.article.bylines}
    others = {x.key for x in mentions if x.cls == "Person" and x.key != m.key
              and lo <= x.start and x.end <= hi} - bylined
    return others.pop() if len(others) == 1 else None


def _trains(text: str) -> bool:
    """Whether ``text`` has a training word (跟班培训, 跟岗学习) outside the words of a study
    tour (学习考察, 参观学习: the ``not-training`` family), which is a visit."""
    trig = _triggers()
    for word in trig["not-training"]:
        text = text.replace(word, "|")
    return any(w in text for w in trig["training"])


def _travel(s: _Sentence) -> None:
    words = s.travel_words()
    training = bool(words) and _trains(s.text[s.start:s.end])  # only where someone travels
    for pos, word in words:
        end = pos + len(word)
        dests = s.list_after(end + 1 if s.text.startswith("了", end) else end)
        if not dests or s.invited(pos):
            continue
        agents = s.agents_before(pos)
        trains = training and _trains(s.text[pos:s.end])
        for a in agents:
            for d in dests:
                if d.cls == "Person":
                    continue
                s.add(a, "trainedAt" if trains else "visited", d)
                if d.org and not trains and d.cls not in ("Facility", "HistoricSite"):
                    s.add(a, "visited", d.org)  # a department's visitors visit its organisation


def _partners(s: _Sentence, pairs: list[tuple[Mention, Mention]]) -> None:
    trig = _triggers()
    for pos, word in s.find(trig["both"] + trig["both-places"]):  # 双方签署了协议: the last
        a, b = s.clause_of(pos)                                    # pair named with 与
        if any(m.start == pos + len(word) for m in s.mentions):
            continue  # 两地党校 names the bodies of both sides, see mentions._both_sides
        # 两地/两区 are two places: the last pair of places, not two schools named since
        candidates = pairs if word in trig["both"] else [
            p for p in pairs if p[0].cls in PLACE_CLASSES and p[1].cls in PLACE_CLASSES]
        if not candidates:
            continue
        x, y = candidates[-1]
        if any(w in s.text[pos:b] for w in trig["sign"]):
            s.add(x, "signedAgreementWith", y)
        elif any(w in s.text[pos:b] for w in trig["partner"]):
            s.add(x, "partnerOf", y)
    for pos, word in s.find(("与", "同", "携")):
        a, b = s.clause_of(pos)
        clause = s.text[a:b]
        left = [m for m in s.mentions if a <= m.start and m.end <= pos and m.cls in AGENT_CLASSES | {"Project"}]
        right = [m for m in s.mentions if pos < m.start and m.end <= b and m.cls in AGENT_CLASSES]
        if not left or not right:
            continue
        x, y = left[-1], right[0]
        adjacent = s.text[x.end:pos] == "" and s.text[pos + 1:s.start_of(y)] == ""
        # people cooperate and sign for the body or place of their post (东城区副区长王刚与…)
        x, y = _represented(s, x), _represented(s, y)
        if x is None or y is None:
            continue
        if adjacent:
            pairs.append((x, y))
        signs = any(w in clause for w in trig["sign"])
        if signs:
            parties = [m for m in s.mentions if a <= m.start and m.end <= b
                       and m.cls in AGENT_CLASSES - PLACE_CLASSES - {"Person"}]
            before = [m for m in parties if m.end <= pos]
            after = [m for m in parties if m.start > pos]
            if not before and len(after) >= 2 and after[0].start == after[1].start:
                before, after = after[:1], after[1:2]  # 两地党校: one body on each side
            if before and after:
                for p, q in _signing_pairs(s, before, after, pos):
                    s.add(p, "signedAgreementWith", q)
            else:  # no body on either side: the places themselves sign (屯留区与东城区签订…)
                s.add(x, "signedAgreementWith", y)
            if not (x.cls in PLACE_CLASSES and y.cls in PLACE_CLASSES):
                continue
        tail = s.text[y.end:b]
        if word == "携" or any(w in tail for w in trig["partner"]):
            s.add(x, "partnerOf", y)


def _represented(s: _Sentence, m: Mention) -> Mention | None:
    """Who a party of a cooperation or an agreement stands for: a person, the body or place
    written before the post (东城区副区长王刚 -> 东城区; none written: None); anyone else,
    itself."""
    if m.cls != "Person":
        return m
    title = _job_before(s, m.start)
    if title is None:
        return None
    return next((o for o in s.mentions if o.end == m.start - len(title)
                 and o.cls != "Person"), None)


def _signing_pairs(s: _Sentence, before: list[Mention], after: list[Mention],
                   pos: int) -> list[tuple[Mention, Mention]]:
    """The signing pairs of A与B签署: each body of a list on one side with the one body on the
    other (A、B与C签署, A与C、D签署); with 分别 and two lists of the same length, each with its
    counterpart (A、B分别与C、D签署: A-C and B-D); two lists without 分别 say not who signed
    with whom, and give nothing."""
    lhs = [before[-1]]
    for m in reversed(before[:-1]):
        if not s._coordinated(m, lhs[0]):
            break
        lhs.insert(0, m)
    rhs = [after[0]]
    for m in after[1:]:
        if not s._coordinated(rhs[-1], m):
            break
        rhs.append(m)
    each = any(w in s.text[lhs[-1].end:pos] for w in _triggers()["each"])
    if each and len(lhs) == len(rhs) > 1:
        return list(zip(lhs, rhs))
    if len(rhs) == 1:
        return [(m, rhs[0]) for m in lhs]
    return [] if len(lhs) > 1 else [(lhs[0], m) for m in rhs]


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
            recipients = _recipients_after(s, pos + len(word))
            donors = s.agents_before(pos) if recipients else []
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


def _recipients_after(s: _Sentence, end: int) -> list[Mention]:
    """Recipients written after the donation verb ending at ``end``: 捐赠给/捐赠予 B (the
    marker right after the verb), or 捐资100万元，用于B… (B right after 用于, before any other
    donation verb): the ``recipient-after`` family."""
    trig = _triggers()
    stop = next((p for p, _w in s.find(trig["donate"], end, s.end)), s.end)
    for rpos, marker in s.find(trig["recipient-after"], end, min(stop, end + 24)):
        if len(marker) == 1 and rpos != end:
            continue  # 给/予 only right after the verb (捐赠给)
        return s.list_after(rpos + len(marker), AGENT_CLASSES)
    return []


def _each(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` says the sum is each donor's own (各, 分别, 每家 ...: the ``each``
    family), a ``not-each`` word (各类物资, 社会各界) not counting."""
    trig = _triggers()
    words = _longest_first(trig["each"] + trig["not-each"])
    return any(word in trig["each"] for _pos, word in s.find(words, lo, hi))


def _establishment(s: _Sentence) -> list[Fact]:
    """援建/打造/开设 X -> X establishedBy the actors; a facility stands where 在X says, or
    where its founder is. Returns the facts of the latter kind, guesses that a 在X挂牌成立 of
    the same sentence or a later one overrides (:func:`_written_place_wins`)."""
    guessed: list[Fact] = []
    trig = _triggers()
    for pos, word in s.find(trig["establish"]):
        end = pos + len(word)
        a0, b = s.clause_of(pos)
        objects = [m for m in s.mentions if end <= m.start <= min(b, end + 20)
                   and m.cls in ESTABLISHED_CLASSES]
        if word == "建设":  # 推进项目建设, 建设…示范村项目 say no builder; 由X建设的 does
            objects = [m for m in objects if m.cls in ("Facility", "HealthCenter")
                       or m.cls == "Project" and _built_by(s, a0, pos)]
        if not objects:
            continue
        obj = objects[0]
        gap = s.text[end:s.start_of(obj)]
        if gap and not _counted(gap) and not (gap.endswith("的") and len(gap) <= 20):
            continue
        written = [m for m in s.mentions if a0 <= m.start < pos and m.cls in PLACE_CLASSES
                   and s.is_location(m)]  # 在屯留区打造: where the text says it stands
        for a in s.agents_before(pos, AGENT_CLASSES - {"Person"}):
            s.add(obj, "establishedBy", a)
            if obj.cls == "Facility" and not written and not obj.parent:  # else its founder's place
                place = a.key if a.cls in PLACE_CLASSES else a.parent
                if place:
                    before = len(s.facts)
                    s.add(obj, "locatedIn", place)
                    guessed.extend(s.facts[before:])
        if obj.cls == "Facility":
            for m in written:
                s.add(obj, "locatedIn", m)
    return guessed


def _built_by_passive(s: _Sentence) -> None:
    """PROJECT(…)，由X(负责)建设(运营) -> PROJECT establishedBy X: the project is the topic
    of the sentence, written before 由, and the verb builds nothing named after it (a clause
    end follows, or 运营/管理), so X is its builder or operator. The verbs are the
    ``build-passive`` family of triggers.tsv, the words between 由X and the verb the
    ``build-manner`` family. Source: how the genre reports a project's figures and builder in
    one sentence (…项目总投资1800万元，其中对口合作资金700万元，由…公司建设，于…开工)."""
    tail = _passive_tail()
    for pos, _word in s.find(("由",)):
        agent = next((m for m in s.mentions if m.start == pos + 1), None)
        if agent is None or agent.cls not in AGENT_CLASSES - {"Person"}:
            continue
        if not tail.match(s.text, agent.end, s.end):
            continue
        projects = [m for m in s.mentions if m.end <= pos and m.cls == "Project"]
        a0, _b = s.clause_of(pos)
        # 由 opens its clause (…项目总投资…，由X建设), or follows the project at once (X项目由Y承建)
        if projects and (a0 == pos or projects[-1].start >= a0 and
                         s.text[projects[-1].end:pos] in ("", "将", "已", "则", "均")):
            s.add(projects[-1], "establishedBy", agent)


@lru_cache(maxsize=1)
def _passive_tail() -> re.Pattern[str]:
    """What follows the builder in 由X(负责)建设(运营): a ``build-manner`` word or none, a
    ``build-passive`` verb, 运营/管理 or none, then the clause's end."""
    trig = _triggers()
    verbs = _alternation(trig["build-passive"]).pattern
    manner = _alternation(trig["build-manner"]).pattern
    return re.compile(rf"(?:{manner})?(?:{verbs})(?:运营|管理)?(?=[，,。；;]|$)")


@lru_cache(maxsize=1)
def _counting() -> re.Pattern[str]:
    """了, 出, a number with its measure word (the ``measure`` family), 的: each or none."""
    measures = "|".join(map(re.escape, _triggers()["measure"]))
    return re.compile(rf"(?:了|出)?(?:(?:\d+|[一二三四五六七八九十两]+)(?:{measures}))?的?")


def _counted(gap: str) -> bool:
    """Whether the words between a building verb and what it built only count it: 了, 出, 的
    and a number with its measure word (援建了一所, 打造38个: the ``measure`` family)."""
    return _counting().fullmatch(gap) is not None


def _built_by(s: _Sentence, lo: int, pos: int) -> bool:
    """Whether the clause names its builder with 由 right before the verb at ``pos``:
    由东城区(投资)建设的 (the words allowed between, 投资/出资, are the ``build-manner``
    family)."""
    agents = [m for m in s.mentions if lo <= m.start and m.end <= pos]
    if not agents:
        return False
    first, last = agents[0], agents[-1]
    return s.text[max(lo, s.start_of(first) - 1):s.start_of(first)] == "由" and \
        s.text[last.end:pos] in ("",) + _triggers()["build-manner"]


def _classes(s: _Sentence) -> None:
    """A举办/开办 B…培训班 (or A为B举办…培训班) -> B trainedAt A: the body named right after
    the verb (or after 为 before it) is whose people the class trains, the body before it
    where they are trained (丰台区委党校举办武川县乡村振兴专题培训班)."""
    trig = _triggers()
    for pos, word in s.find(trig["hold-class"]):
        end = pos + len(word)
        _a, b = s.clause_of(pos)
        classes = s.find(trig["class"], end, min(b, end + 24))
        if not classes:
            continue
        trainees = [m for m in s.list_after(end, AGENT_CLASSES - {"Person"})
                    if m.end <= classes[0][0]]
        host_end = pos
        if not trainees:  # 为屯留区举办: the trainees come before the verb, after 为
            trainees = [m for m in s.mentions if m.end == pos and m.cls in AGENT_CLASSES
                        and s.text[s.start_of(m) - 1:s.start_of(m)] == "为"]
            host_end = s.start_of(trainees[0]) - 1 if trainees else pos
        if not trainees:
            continue
        for host in s.agents_before(host_end, AGENT_CLASSES - {"Person"}):
            for m in trainees:  # 屯留区委组织部举办屯留区…培训班: its own people, no relation
                if not _within(host.key, m.key):
                    s.add(m, "trainedAt", host)


def _within(key: str, place: str) -> bool:
    """Whether an entity key lies under a place's key (org/山西省/长治市/屯留区/委组织部 under
    place/山西省/长治市/屯留区): keys spell the divisions a body stands in."""
    path, root = key.split("/", 1)[-1], place.split("/", 1)[-1]
    return path == root or path.startswith(root + "/")


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
    named before it in the sentence (or the last project of the paragraph when the sentence
    names none: 该项目总投资; a project of an earlier paragraph is another topic)."""
    trig = _triggers()
    establish = tuple(trig["establish"])
    projects = [m for m in s.mentions if m.cls == "Project" or m.cls == "Facility" and (
        s.text[s.start:s.start_of(m)].removesuffix("了").endswith(establish))]  # 援建了X，项目总投资
    # 京蒙协作资金: the funding word is cut by the programme's name (京蒙协作), 资金 follows it
    program_funds = [(m.end, w) for m in s.mentions if m.cls == "CooperationProgram"
                     for w in trig["program-funding"] if s.text.startswith(w, m.end)]
    for family, attr in (("total", "totalInvestment"), ("funding", "cooperationFunding")):
        hits = s.find(trig[family]) + (program_funds if family == "funding" else [])
        for pos, word in sorted(hits):
            amounts = [a for a in find_amounts(s.text[pos:s.end]) if a.start <= len(word) + 4]
            if not amounts:
                continue
            subject = next((p for p in reversed(projects) if p.end <= pos), None)
            subject = subject or _figured_thing(s, pos)
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


FIGURED_CLASSES = ("Facility", "HealthCenter", "Hospital", "School", "HistoricSite")


def _figured_thing(s: _Sentence, pos: int) -> Mention | None:
    """The facility whose figures a sentence without a project name gives: the last one
    written before the figure word, right before it (余吾镇卫生院总投资300万元) or with 项目
    between (卫生院于6月投入使用，项目总投资800万元, 其中…协作资金600万元) -- rather than
    the article's last project, which is another one. A body something is done for (为B援建)
    is not what the figures are of."""
    thing = next((m for m in reversed(s.mentions) if m.end <= pos), None)
    if thing is None or thing.cls not in FIGURED_CLASSES or s._is_beneficiary(thing):
        thing = next((m for m in reversed(s.mentions) if m.end <= pos
                      and m.cls in FIGURED_CLASSES and not s._is_beneficiary(m)), None)
        if thing is None or any(thing.end <= m.start and m.end <= pos
                                and m.cls not in PLACE_CLASSES for m in s.mentions):
            return None  # another body is written between: the figure may be its own
    gap = s.text[thing.end:pos]
    return thing if gap in ("", "，", ",") or "项目" in gap else None


DATED_CLASSES = ("Project", "Event", "Facility", "HistoricSite", "GovernmentAgency", "School",
                 "HealthCenter", "PublicInstitution", "NonProfit", "Company", "Hospital")
# bodies, not works: no start or end of works is theirs (由X公司实施，9月开工 dates the project)
UNBUILT_CLASSES = {"Company", "GovernmentAgency", "PartyOrganization", "Foundation", "NonProfit",
                   "MediaOutlet", "Hospital"}


def _dated(s: _Sentence, m: Mention, attr: str, pos: int) -> bool:
    """Whether ``m`` can bear the date a word at ``pos`` gives as ``attr``: a body never starts
    or ends works, a company is founded only by an ``incorporation`` word (成立, 注册) of the
    founding words at ``pos`` (挂牌成立), never by 挂牌 alone (listed) or by 建成."""
    if m.cls in UNBUILT_CLASSES and attr in ("startDate", "endDate", "completion"):
        return False
    if attr == "opening":  # 正式开放 founds a facility; a body or site that opens was there
        return m.cls == "Facility"
    if m.cls == "Company":
        return attr == "foundingDate" and any(
            w in s.text[pos:pos + 4] for w in _triggers()["incorporation"])
    return True


def _dates(s: _Sentence, recent_project: Mention | None) -> None:
    """A date is read by the first start/end/founding word after it (7月启动到完工: 7月 is the
    start) as that attribute of the thing named nearest before the word that can bear it (see
    :func:`_dated`: 由X公司建设，9月开工 dates the project, not the company), or of the article's
    last project when the sentence says only 项目. A completion word (建成) ends a project and
    founds anything else; an opening word (正式开放) founds a facility only. The first event of a sentence takes the sentence's first date as its
    start (and end, for a range)."""
    trig = _triggers()
    dates = find_dates(s.text[s.start:s.end], s.article.year)
    if not dates:
        return
    words = sorted(
        [(pos, attr) for family, attr in (("start", "startDate"), ("end", "endDate"),
                                          ("founding", "foundingDate"),
                                          ("completion", "completion"),
                                          ("opening", "opening"))
         for pos, _w in s.find(trig[family])])
    candidates = [m for m in s.mentions if m.cls in DATED_CLASSES]
    for date in dates:
        at = s.start + date.stop
        word = next(((pos, attr) for pos, attr in words if pos >= at), None)
        if word is None:
            continue
        pos, attr = word
        subject = next((m for m in reversed(candidates) if m.end <= pos
                        and _dated(s, m, attr, pos)), None)
        if subject is None and "项目" in s.text[s.start:pos]:
            subject = recent_project
        if subject is None:
            continue
        if attr == "completion":
            attr = "endDate" if subject.cls == "Project" else "foundingDate"
        elif attr == "opening":
            attr = "foundingDate"
        s.add(subject, attr, date.start, literal=True)
    events = [m for m in s.mentions if m.cls == "Event"]
    if events and dates[0].stop <= events[0].start - s.start:
        s.add(events[0], "startDate", dates[0].start, literal=True)
        if dates[0].end:
            s.add(events[0], "endDate", dates[0].end, literal=True)


def _sited(s: _Sentence) -> list[Fact]:
    """X在PLACE挂牌成立/揭牌/开业 -> X locatedIn PLACE (屯留区驻京招商联络点在北京东城区…挂牌
    成立), dated or not: X is the last body, facility or project of the clause before 在.
    Returns the facts, for :func:`_written_place_wins`."""
    trig = _triggers()
    out: list[Fact] = []
    for pos, _w in s.find(trig["founding"] + trig["opening"] + trig["sited-opening"]):
        a, _b = s.clause_of(pos)
        places = [m for m in s.mentions if a <= m.start and m.end <= pos
                  and s.is_location(m) and m.cls in PLACE_CLASSES]
        if not places:
            continue
        subject = next((m for m in reversed(s.mentions) if a <= m.start
                        and m.end <= s.start_of(places[0]) and m.cls in DATED_CLASSES), None)
        if subject is None:
            continue
        for m in places:
            before = len(s.facts)
            s.add(subject, "locatedIn", m)
            out.extend(s.facts[before:])
    return out


def _written_place_wins(facts: list[Fact], structural: list[Fact], sited: list[Fact]) -> list[Fact]:
    """A body named after its home that is set up elsewhere (和龙市农特产品展销中心在宁波市鄞州区
    挂牌成立: a paired region's shop in the partner city) stands where the text says, not in the
    place its name begins with, nor where its founder is (由和平区五大道街道援建的“津华驿站”在
    华池县…挂牌成立): such a guessed locatedIn (``structural``) is dropped when a 在X挂牌成立
    place of the same body lies outside it (a place inside it, or containing it, only refines
    it)."""
    written: dict[str, list[str]] = defaultdict(list)
    for f in sited:
        written[f.subject].append(f.obj)
    if not written:
        return facts

    def related(a: str, b: str) -> bool:
        return a == b or a.startswith(b + "/") or b.startswith(a + "/")

    drop = {id(f) for f in structural if f.predicate == "locatedIn" and f.subject in written
            and not any(related(f.obj, w) for w in written[f.subject])}
    return [f for f in facts if id(f) not in drop]


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
