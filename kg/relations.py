"""Stage 4: relations and attributes, read sentence by sentence from an article's mentions.

``extract(article, mentions)`` returns :class:`~kg.model.Fact` records, each with the sentence
it was read from. Patterns work on the outermost mentions of a sentence (a place inside an
organisation's name is no actor) and on trigger words from ``resources/triggers.tsv``:

* structure of names: a name's place gives ``locatedIn`` (屯留区人民医院 -> 屯留区), a
  department its organisation ``subOrganizationOf`` (清华大学材料学院 -> 清华大学), a branch
  the place written after its parent's name (中国农业银行方正县支行 -> 方正县);
* people: ``ORG + job title + NAME`` gives ``worksFor`` and ``jobTitle`` (屯留树人小学校长邢瑛);
  ``NAME担任ORG+title`` (or ``在ORG担任title``, ``ORG聘请NAME担任title``) the same; a 县长/区长 works for the place's
  government too when the article names it; ``A和妻子B`` gives ``spouseOf`` (``与丈夫X`` with
  the paragraph's one other person);
* a bare body word opening its clause (公司董事长X, 向合作社捐赠, 这个养老服务中心由X建设:
  ``resources/bare_bodies.tsv``) stands for the article's one body of that kind;
* travel (赴/前往/到/走进/来 + a body or place): ``visited``, or ``trainedAt`` with a training word;
  ``A举办B…培训班`` ``trainedAt`` too (B's people are trained by A);
  ``A赴X，分别在C、D跟岗学习`` ``trainedAt`` C and D as well;
  ``A在SITE举办…培训班，C、D的医生参加培训`` C, D ``trainedAt`` SITE;
  nothing when the clause invites (邀请对方来屯留考察: the visit is only asked for), when a
  post is taken there (来到X，挂职X副县长) or when the place holds the actor (its own county);
* ``A与B … 合作/开设/对接`` ``partnerOf``, and ``A对口支援B`` (the ``pair-aid`` family);
  ``双方`` after a journey (A院长X来到B，双方组建医联体) the traveller's body and B;
  ``A与B签署`` ``signedAgreementWith``;
* ``由A与B共建的X`` ``establishedBy`` A and B (the ``co-build`` family);
* ``A为B捐赠`` / ``A联系B无偿提供`` / ``A捐赠给B`` / ``A捐资…用于B`` ``donatedTo``, with the sum
  and, when several donors give it together (not 各/分别: the ``each`` family), how many; ``援建/打造/开设 X`` ``establishedBy``;
* ``开展/举办 EVENT`` ``organizerOf`` (and ``locatedIn`` from ``在X开展``, ``来到X，开展`` and
  ``EVENT在X举行``); ``由A主办，B承办``; ``参加/出席 EVENT`` ``participatedIn`` (``出席会议``: the
  meeting named just before, by its head word, with the people listed before the verb);
* ``A是B的全资子公司`` ``subOrganizationOf`` (``resources/subsidiary_words.tsv``); a project
  named with a company's brand, or built by ``X投资建设``, ``establishedBy`` the company;
  ``X在PLACE建设的PROJECT`` the same, and ``locatedIn`` PLACE;
* ``X在PLACE挂牌成立/开业`` ``locatedIn`` PLACE, which overrides the home place X's name begins
  with when it lies elsewhere;
* ``NAME所在的ORG`` ``worksFor`` (the ``works-in`` family); a bare 队长/站长 opening its
  sentence heads the team or station named last before (the ``head-post`` family);
* delegations: the place a leader leads (X率Y代表团一行) visits the later clauses' sites with
  the leader, and 代表团一行 opening a later clause stands for it (the ``delegation`` family);
* a 结对 agreement (``pair-agreement``) pairs the signers: ``partnerOf`` too;
* amounts after 总投资 / 对口合作资金 (yuan) of the project, or the facility, named before; dates before 开工/竣工/成立 and an event's dates;
  a year alone before 成立 and a body (2016年，他牵头成立合作社) its founding year.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

from .model import Article, Evidence, Fact, Mention
from .resources import anaphors, read_families, read_table, read_words, split_company_name
from .text import clauses, paragraph_before, sentences
from .values import DateSpan, find_amounts, find_dates

AGENT_CLASSES = {
    "Country", "Province", "City", "District", "County", "Town", "Township", "Subdistrict",
    "Village", "Community", "ResidentialCompound", "GovernmentAgency", "PartyOrganization",
    "PartySchool", "School", "University", "Hospital", "HealthCenter", "Company", "Foundation",
    "NonProfit", "MediaOutlet", "PublicInstitution", "Person", "Organization", "HistoricSite",
}
PLACE_CLASSES = {"Country", "Province", "City", "District", "County", "Town", "Township",
                 "Subdistrict", "Village", "Community", "ResidentialCompound"}
DESTINATION_CLASSES = AGENT_CLASSES | {"Facility"}
# written before a post and kept with it: 常务副校长, 教学副校长 (the title-modifier family)
TITLE_MODIFIERS = read_families("triggers.tsv")["title-modifier"]
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

    def clause_list(self) -> list[tuple[int, int]]:
        """The sentence's clauses (:func:`kg.text.clauses`), found once."""
        if self._clauses is None:
            self._clauses = clauses(self.text, self.start, self.end)
        return self._clauses

    def clause_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.clause_list():
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
                 and not self._is_beneficiary(m) and not self._is_origin(m)]
        if found:
            return self._leaders(self._group(found), classes)
        if self.text[a:pos].lstrip("，,、 ").startswith(_triggers()["other-subject"]):
            return []  # …合作共建，后者将派出医生到X: the clause's own subject, not the first
        said = self._said_from(pos)
        first = [m for m in self.mentions if said <= m.start and m.end <= pos and m.cls in classes
                 and not self.is_location(m) and not self._is_destination(m)
                 and not self._speaker(m) and not self._is_beneficiary(m)]
        return self._group(first, first=True) if first else []

    def _leaders(self, group: list[Mention], classes) -> list[Mention]:
        """``group`` with the person who leads it, written right before a ``lead`` word
        before it (韩志远率西青区党政代表团赴舟曲县: the leader goes too); the leader's body
        (西青区委 in 西青区委副书记、区长韩志远) only names the post."""
        begin = self.start_of(group[0])
        word = next((w for w in _triggers()["lead"]
                     if self.text.endswith(w, self.start, begin)), None)
        if word is None or "Person" not in classes:
            return group
        leader = next((m for m in self.mentions if m.end == begin - len(word)
                       and m.cls == "Person"), None)
        return group if leader is None or leader in group else [leader] + group

    def _said_from(self, pos: int) -> int:
        """Where what is said begins, when a clause before ``pos`` ends in a word of speech
        and what is said names its own actors as both sides (教委副主任林涛介绍，两地将联合举办…:
        the ``both`` and ``both-places`` words): the speaker's body is then no actor of it
        (while in 院长张伟表示，医院已选派… it is). The sentence start otherwise."""
        trig = _triggers()
        said = self.start
        for a, b in self.clause_list():
            if b <= pos and self.text[a:b].rstrip("，,：:").endswith(trig["speech"]) and any(
                    w in self.text[b:pos] for w in trig["both"] + trig["both-places"]):
                said = b
        return said

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
            return self._with_led([person], found)
        # 区委书记王明率团赴X，先后来到Y、Z: a party committee before its secretary's post
        # only names the post, the person goes on as the subject of the later clauses (while
        # a hospital's team led by its vice-president is the hospital's: 西青医院副院长X带领…)
        group = groups[0]
        return self._with_led([m for m, nxt in zip(group, group[1:] + [None])
                               if not (nxt is not None and nxt.cls == "Person"
                                       and m.cls == "PartyOrganization"
                                       and (self._title_between(m, nxt)
                                            or _posts_only(self.text[m.end:self.start_of(nxt)])))],
                              found)

    def _with_led(self, group: list[Mention], found: list[Mention]) -> list[Mention]:
        """``group`` and, when it ends with a person written right before a ``lead`` word,
        the body or place named right after that word (区长陈某率宝安区党政代表团一行到X考察，
        先后察看了Y: the delegation's district goes on as a subject of the later clauses with
        its leader). Source: the genre's delegation reports (率团/代表团一行), whose leader and
        delegation visit every site."""
        last = group[-1] if group else None
        if last is None or last.cls != "Person":
            return group
        word = next((w for w in _triggers()["lead"] if self.text.startswith(w, last.end)), None)
        led = None if word is None else next(
            (m for m in found if self.start_of(m) == last.end + len(word)
             and m.cls != "Person"), None)
        return group + [led] if led is not None and led not in group else group

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
        trig = _triggers()
        if gap.endswith(trig["companion"]) and re.fullmatch(r"[\u4e00-\u9fff]{0,6}", gap[:-1]):
            # A医疗队与B医护人员一道，…: B's people act with A's
            tail = self.text[b.end:self.clause_of(b.start)[1]]
            if tail.endswith(trig["together"]) and re.fullmatch(r"[\u4e00-\u9fff]{0,8}", tail):
                return True
        return gap in trig["list-joiner"] or gap in trig["coordinator"] or b.cls == "Person" and (
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

    def _is_origin(self, m: Mention) -> bool:
        """Whether a place is where the actors come from (带领专家团队从合肥市来到金寨): 从
        written right before it; the place does not act."""
        begin = self.start_of(m)
        return m.cls in PLACE_CLASSES and self.text[max(self.start, begin - 1):begin] == "从"

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

    def travel_before(self, pos: int) -> tuple[int, str] | None:
        """(offset, word) of the last travel word before ``pos``; None when there is none."""
        words = [(p, w) for p, w in self.travel_words() if p < pos]
        return words[-1] if words else None

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
        joiners = _triggers()["list-joiner"]
        return len(chain) > 1 and all(self.text[x.end:self.start_of(y)] in joiners
                                      for x, y in zip(chain, chain[1:]))

    def list_after(self, pos: int, classes=DESTINATION_CLASSES, gap: int = 0) -> list[Mention]:
        """The names right after ``pos`` (within ``gap`` characters) and those coordinated
        with them: 到北京东城区非遗中心、北大红楼、蒙藏学校旧址."""
        first = next((m for m in self.mentions if pos <= self.start_of(m) <= pos + gap), None)
        if first is None or first.cls not in classes | {"Project"}:
            return []
        out = [first]
        joiners = _triggers()["list-joiner"]
        sites = _triggers()["site-after"]
        for m in self.mentions:
            if m.start > out[-1].start:
                gap = self.text[out[-1].end:self.start_of(m)]
                if out[-1].cls == "Project":  # X项目施工现场和Y: the project's site, then Y
                    gap = next((gap[len(w):] for w in sites if gap.startswith(w)), gap)
                if gap not in joiners:
                    continue
                if m.cls not in classes | {"Project"}:
                    break  # 到A、沪滇协作…: a programme is no place to go, nor is what follows
                out.append(m)
        # a project's site in the list (来到A村、X项目施工现场和B中学) is passed over: the
        # project is no body or place visited, the names around it are
        out = [m for m in out if m.cls in classes]
        if len(out) == 1 and out[0] is first and first.cls in PLACE_CLASSES:
            # 到扎瓦镇农副产品冷链物流园、县人民医院: the place only begins a name the text
            # does not know; the list goes on after it, the place is no destination
            nxt = next((m for m in self.mentions if m.start >= first.end), None)
            unknown = None if nxt is None else re.fullmatch(
                r"([\u4e00-\u9fff]{2,12})(?:" + "|".join(map(re.escape, joiners)) + ")",
                self.text[first.end:self.start_of(nxt)])
            trig = _triggers()
            if unknown and nxt.cls in classes and not any(
                    w in unknown.group(1) for w in trig["move"] + trig["come"]):
                rest = self.list_after(self.start_of(nxt), classes)
                return rest if rest and rest[0] is nxt else out
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
    owned: set[str] = set()  # projects already given to the company whose brand they bear
    brands = _company_brands(mentions)
    place_starts = {m.start for m in mentions if m.cls in PLACE_CLASSES}
    for (start, end), inside in zip(spans, within):
        s = _Sentence(article, start, end, inside, facts)
        before = len(facts)
        _structure(s, inside, structural)
        structural_facts.extend(facts[before:])
        _people(s, mentions)
        _appointments(s, mentions)
        _works_at(s)
        _is_post(s)
        _travel(s, mentions)
        _partners(s, pairs, mentions)
        _donations(s, mentions)
        guessed.extend(_establishment(s, pairs, mentions))
        if recent_project is not None and article.text.find("\n", recent_project.end, start) >= 0:
            recent_project = None  # 项目 points back within its paragraph, not to another's
        _built_by_passive(s, mentions, recent_project)
        _co_built(s)
        _classes(s)
        _events(s, mentions)
        _organized_by(s, mentions)
        recent_project = _figures(s, recent_project)
        _dates(s, recent_project)
        _founded_in_year(s, mentions)
        sited.extend(_sited(s))
        _placement(s, mentions, recent_project)
        _subsidiaries(s)
        _own_projects(s, brands, place_starts, owned, inside)
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
        if head[:-len(title)].endswith(_triggers()["retired"]):
            kind = "role"  # 队长、退休教师X: a post left, no post now
        if kind == "spouse":
            partner = _spouse(s, m, len(head) - len(title) + s.start, mentions)
            if partner is not None:
                s.add(m, "spouseOf", partner)
            continue
        title_start = len(head) - len(title) + s.start
        if kind != "job":
            found = _member_or_posts(s, m, title, title_start)
            if found is None:
                continue
            title, title_start = found
        for modifier in TITLE_MODIFIERS:  # 常务副校长: the post as written
            if s.text.endswith(modifier, s.start, title_start):
                title_start -= len(modifier)
                title = modifier + title
                break
        origin = _from_body(s, title_start)
        if origin is not None:  # 来自明理中学的支教教师张雪: the post as written, its body
            body, written = origin
            s.add(m, "jobTitle", written + title, literal=True)
            s.add(m, "worksFor", body)
            continue
        s.add(m, "jobTitle", title, literal=True)
        posts = [title]  # the posts read since the last body, for _government
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
            posts.append(title)
            s.add(m, "jobTitle", title, literal=True)
        # walk back over "ORG title、ORG title" chains
        end = title_start
        while True:
            org = next((o for o in s.mentions if o.end == end and o.cls not in ("Person",)), None)
            if org is None:  # 某医院消化内科副主任医师: the body before its department
                org = _department_gap(s, end)
            if org is None:  # 公司董事长X说: the article's one company
                org = _bare_body(s, mentions, s.clause_of(end - 1)[0], end)
            if org is None and not s.text[s.start:end].strip("“” "):
                org = _topic_body(s, mentions, title)  # …服务队…。队长X: the team's head
            if org is None:  # 和龙市委副书记、市长金成浩: the first post names the organisation
                joint = end - 1 if s.text[end - 1:end] == "、" else _unnamed_body_joint(s, end)
                prev_title = _job_before(s, joint) if joint is not None else None
                if prev_title is None or not any(
                        o.end == joint - len(prev_title) for o in s.mentions):
                    break
                if s.text[joint] == "、" and (bare := _bare_body(s, mentions, joint + 1, end)):
                    s.add(m, "worksFor", bare)  # 村党支部书记、合作社理事长X: the one 合作社
                s.add(m, "jobTitle", prev_title, literal=True)
                posts.append(prev_title)
                end = joint - len(prev_title)
                continue
            _government(s, mentions, m, org, posts)
            if org.cls in PLACE_CLASSES and org.cls not in ("Community",):
                break
            s.add(m, "worksFor", org)
            if org.cls == "PartyOrganization" and org.org and not all(
                    p.endswith(_triggers()["party-post"]) for p in posts):
                s.add(m, "worksFor", org.org)  # 某医院党委书记、院长X: 院长 of the hospital
            if org.start < s.start + 1 or s.text[org.start - 1] != "、":
                break
            prev_head = s.text[s.start:org.start - 1]
            prev_title = next((t for t in _job_titles_longest() if prev_head.endswith(t)), None)
            if prev_title is None:
                break
            s.add(m, "jobTitle", prev_title, literal=True)
            posts = [prev_title]
            end = org.start - 1 - len(prev_title)


def _unnamed_body_joint(s: _Sentence, end: int) -> int | None:
    """Where the 、 is that joins a post to the one before when a short body word no name
    stands for is written between them (社区党委书记、居委会主任X: 居委会): the person holds
    the post before the 、 in the body named before it. None when no 、 is there, a name or
    a post stands between, or more than four Hanzi do."""
    joint = s.text.rfind("、", max(s.start, end - 5), end)
    gap = s.text[joint + 1:end]
    if joint < 0 or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", gap) or gap in _posts() or any(
            joint < o.end and o.start < end for o in s.mentions):
        return None
    return joint


def _topic_body(s: _Sentence, mentions: list[Mention], title: str) -> Mention | None:
    """The body a post opening its sentence heads when its head word names the kind of body
    the paragraph has just named (…“红枫”志愿服务队认领。这支志愿服务队成立于…。队长X…: 队长
    heads a 队): the last body named before the sentence, in its paragraph or the one before,
    whose name ends with the post's head word (the ``head-post`` family: 队长 -> 队, 站长 -> 站;
    a body quoted in between, 红十字会捐的。”院长X说, is passed over). Source: the genre's
    portraits of a team, station or health centre, which name its head by the bare post."""
    if title not in _triggers()["head-post"]:
        return None
    head = title[:-1]  # 队长 -> 队
    lo = paragraph_before(s.text, s.start)
    return next((m for m in reversed(mentions) if lo <= m.start and m.end <= s.start
                 and not m.nested and m.cls in ORG_CLASSES | {"Facility"}
                 and m.label.endswith(head)), None)


def _member_or_posts(s: _Sentence, m: Mention, title: str, start: int) -> tuple[str, int] | None:
    """For a word before a name that is no post (干部, 员工): a body written right before a
    ``member`` word is where the person works (赣州市林业局干部钟志明); and a short description
    after posts joined by 、 leaves the posts to the name (县委常委、副县长、深圳援派干部X:
    the last post and where it begins, read on as ORG + posts + NAME)."""
    if title in _triggers()["member"]:
        body = next((o for o in s.mentions if o.end == start and o.cls != "Person"
                     and o.cls not in PLACE_CLASSES), None)
        if body is not None:
            s.add(m, "worksFor", body)
            return None
    comma = s.text.rfind("、", s.start, start)
    if comma < 0 or start - comma > 8 or not re.fullmatch(
            r"[\u4e00-\u9fff]*", s.text[comma + 1:start]) or any(
            comma < o.start < start and o.cls not in PLACE_CLASSES for o in s.mentions):
        return None
    return _job_title_before(s, comma)


def _from_body(s: _Sentence, start: int) -> tuple[Mention, str] | None:
    """The body of 来自ORG的 written before a post beginning at ``start``, and the words
    between 的 and the post (来自明理中学的支教教师: 支教), or None."""
    for o in s.mentions:
        if o.cls == "Person" or o.cls in PLACE_CLASSES or o.end > start:
            continue
        gap = re.fullmatch(r"的([\u4e00-\u9fff]{0,4})", s.text[o.end:start])
        if gap and s.text.endswith("来自", s.start, s.start_of(o)):
            return o, gap.group(1)
    return None


def _is_post(s: _Sentence) -> None:
    """NAME是ORG(的)(DEPT)TITLE ending its clause (郭某是东城区妇幼保健院儿科副主任医师,
    李某是史家小学的高级教师) -> worksFor ORG and jobTitle TITLE."""
    for m in s.mentions:
        if m.cls != "Person" or not s.text.startswith("是", m.end, s.end):
            continue
        body = next((o for o in s.mentions if s.start_of(o) == m.end + 1 and o.cls != "Person"
                     and o.cls not in PLACE_CLASSES), None)
        if body is None:
            continue
        end = s.clause_of(body.start)[1]
        while end > body.end and not "\u4e00" <= s.text[end - 1] <= "\u9fff":
            end -= 1
        found = _job_title_before(s, end)
        if found is None:
            continue
        title, begin = found
        gap = s.text[body.end:begin].removeprefix("的")
        if gap and not _department_pattern().fullmatch(gap) or any(
                body.end <= o.start < end for o in s.mentions):
            continue
        s.add(m, "worksFor", body)
        s.add(m, "jobTitle", title, literal=True)


def _works_at(s: _Sentence) -> None:
    """NAME…在ORG任教/任职/工作 (the ``work-at`` family) -> worksFor: the last person named
    before, unless the clause says it was before (原, 曾: the ``formerly`` family).
    NAME所在的ORG (the ``works-in`` family) -> worksFor ORG, a body named right after the word
    (罗某所在的某精密电子: the company a worker is on the staff of)."""
    trig = _triggers()
    for m in s.mentions:
        if m.cls != "Person":
            continue
        word = next((w for w in trig["works-in"] if s.text.startswith(w, m.end, s.end)), None)
        body = None if word is None else next(
            (o for o in s.mentions if s.start_of(o) == m.end + len(word)), None)
        if body is not None and body.cls != "Person" and body.cls not in PLACE_CLASSES:
            s.add(m, "worksFor", body)
    for pos, _word in s.find(trig["work-at"]):
        body = next((o for o in s.mentions if o.end == pos and o.cls != "Person"
                     and o.cls not in PLACE_CLASSES and s.is_location(o)), None)
        person = next((p for p in reversed(s.mentions) if p.cls == "Person" and p.end <= pos),
                      None)
        if body is None or person is None:
            continue
        between = s.text[person.end:s.start_of(body)]
        if any(w in between for w in trig["formerly"]) or any(
                person.end <= o.start < s.start_of(body) for o in s.mentions):
            continue
        s.add(person, "worksFor", body)


@lru_cache(maxsize=1)
def _government_words() -> dict[str, tuple[str, ...]]:
    return read_families("government_posts.tsv")


def _government(s: _Sentence, mentions: list[Mention], person: Mention, body: Mention,
                posts: list[str]) -> None:
    """A head of a place's government (县长, 副区长: the ``post`` words of
    government_posts.tsv) written after the place or its party committee (舟曲县委副书记、县长X,
    屯留区副区长X) works for that place's government too, when the article names it (舟曲县政府:
    a GovernmentAgency standing in the place whose name ends in a ``body`` word); a government
    the article never names is not made up."""
    words = _government_words()
    if not any(p.removeprefix("常务") in words["post"] for p in posts):
        return
    place = body.key if body.cls in PLACE_CLASSES else body.parent
    if place is None or body.cls not in PLACE_CLASSES | {"PartyOrganization"}:
        return
    gov = next((g for g in mentions if g.cls == "GovernmentAgency" and g.parent == place
                and g.label.endswith(words["body"])), None)
    if gov is not None:
        s.add(person, "worksFor", gov)


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
        if _department_pattern().fullmatch(s.text, o.end, end):
            return o
        # a title that opens with its department word (车间主任): 某集团模具车间主任X
        opening = _department_pattern().match(s.text, o.end, s.end)
        return o if opening is not None and o.end < end < opening.end() else None
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


def _appointments(s: _Sentence, mentions: list[Mention]) -> None:
    """NAME … 担任/现任/出任/兼任/任 [ORG] title(、title) -> jobTitle, and worksFor the body
    named (王建国担任和龙市人民医院执行院长, or before the verb: 在ORG担任副校长): the posts
    are those of the last person named before the verb (赵某被派驻屯留区，担任屯留区中医院执行院长), unless they introduce the next name
    (担任院长的李某) or the text names nobody before. A bare body word may stand for the
    body (兼任合作社理事长; 挂职该院副院长 gives the post alone when several hospitals fit), a
    ``posting`` word stays with the post (任驻村第一书记) and a class is dropped (担任初二年级
    数学教师). A post held before or only proposed
    (曾任, 原任, 不再担任, 拟任: the ``not-appoint`` family, which also holds words with 任 that
    are no appointment: 主任, 任务) says nothing of where the person works now."""
    for pos, word, at, body in _appointment_words(s):
        person = next((m for m in reversed(s.mentions) if m.cls == "Person" and m.end <= pos),
                      None)
        if person is None:
            continue
        if body is not None:
            at = body.end
        elif (bare := _bare_before_post(s, mentions, at)) is not None:
            body, at = bare  # 兼任合作社理事长, 挂职该院副院长: a bare body word, then the post
        else:  # 在大川镇中心小学担任副校长 (被选派到X村任): the body is written before the verb
            body = next((m for m in s.mentions if m.end == pos and m.cls != "Person"
                         and (s.is_location(m) or s.text[s.start_of(m) - 1:s.start_of(m)] == "到"
                              and len(word) == 1)), None)
            if body is None and len(word) == 1:
                continue  # a bare 任 only before a body and its title (任东城区教育局局长)
            body = body or _engager(s, mentions, person)
        posted = _posted_as(s, at)  # 驻村第一书记: a posting written before the post
        at += len(posted)
        at += len(grade.group()) if (grade := _GRADE.match(s.text, at, s.end)) else 0
        posts = []
        if body is not None and body.cls in PLACE_CLASSES and _job_title_at(s, at) is None:
            body, at = None, s.start_of(body)  # 担任屯留区…工作组组长: the place opens a name
        if body is None and _job_title_at(s, at) is None:
            at = _unknown_body_end(s, at)  # 担任某某工作组组长: a body the text names only here
        held = []  # (body, its posts): 现任某县委常委、县政府副县长 names a body per post
        while (title := _job_title_at(s, at)) is not None:
            posts.append(title)
            at += len(title)
            if not s.text.startswith("、", at, s.end):
                break
            at += 1
            other = next((m for m in s.mentions if s.start_of(m) == at and m.cls != "Person"
                          and m.cls not in PLACE_CLASSES), None)
            if other is not None and _job_title_at(s, other.end) is not None:
                held.append((body, posts))
                body, posts, at = other, [], other.end
        if not posts or s.text.startswith("的", at, s.end) or any(
                m.start == at and m.cls == "Person" for m in s.mentions):
            continue
        held.append((body, posts))
        held[0][1][0] = posted + held[0][1][0]
        for body, posts in held:
            for title in posts:
                s.add(person, "jobTitle", title, literal=True)
            if body is not None:
                _government(s, mentions, person, body, posts)
            if body is not None and (body.cls not in PLACE_CLASSES or body.cls == "Community"):
                s.add(person, "worksFor", body)


def _engager(s: _Sentence, mentions: list[Mention], person: Mention) -> Mention | None:
    """The body that engages ``person`` for the post named after it (研究院聘请某大学教授X
    担任院长: the ``engage`` family): the body written right before the verb in the person's
    clause, or a bare body word opening the clause (bare_bodies.tsv); None otherwise."""
    a, _b = s.clause_of(person.start)
    found = s.find(_triggers()["engage"], a, person.start)
    if not found:
        return None
    pos = found[-1][0]
    body = next((m for m in s.mentions if m.end == pos and m.cls in ORG_CLASSES), None)
    return body or _bare_body(s, mentions, a, pos)


def _unknown_body_end(s: _Sentence, at: int) -> int:
    """Where the post begins after a body no mention names (担任屯留区第三批援晋工作组组长:
    the group is new to the text): the last job title that ends the clause within 16 Hanzi
    after ``at``, with no 的 and no name before it; ``at`` itself when there is none. The post
    alone is read (jobTitle), the body being unknown."""
    _a, b = s.clause_of(at)
    span = s.text[at:b].rstrip("，,。；;")
    if not 2 < len(span) <= 16 or re.fullmatch(r"[\u4e00-\u9fff]+", span) is None or "的" in span \
            or any(at <= m.start < at + len(span) for m in s.mentions if m.cls == "Person"):
        return at
    for k in range(2, len(span) - 1):
        if _job_title_at(s, at + k) == span[k:]:
            return at + k
    return at


# 担任初二年级数学教师: the class a teacher is given, written before the post, is no part of it
_GRADE = re.compile(r"(?:[初高][一二三]|[一二三四五六七八九]|高中|初中|小学)年级(?:[0-9一二三四五六七八九十]+班)?"
                    r"|[初高][一二三][0-9一二三四五六七八九十]+班")


def _posted_as(s: _Sentence, at: int) -> str:
    """A ``posting`` word written at ``at`` before a post (驻村第一书记), or ""."""
    return next((w for w in _triggers()["posting"] if s.text.startswith(w, at, s.end)
                 and _job_title_at(s, at + len(w)) is not None), "")


def _bare_before_post(s: _Sentence, mentions: list[Mention],
                      at: int) -> tuple[Mention | None, int] | None:
    """A bare body word written at ``at`` right before a post (兼任合作社理事长, 挂职该院副院长):
    the one body it stands for (see :func:`_bare_body`), or None when none fits or several
    do (该院 after two hospitals), and where the post begins; None when no such word is
    written there."""
    for k in range(1, 9):
        if _job_title_at(s, at + k) is None:
            continue
        body = _bare_body(s, mentions, at, at + k)
        if body is not None:
            return body, at + k
        words = read_families("bare_bodies.tsv")
        phrase = s.text[at:at + k]
        det = next((d for d in words["determiner"] if phrase.startswith(d)), None)
        if det is not None and phrase[len(det):] in words["body-after-determiner"] + words["body"]:
            return _came_to(s, at, phrase[len(det):]), at + k
    return None


def _came_to(s: _Sentence, at: int, head: str) -> Mention | None:
    """The body 该校/该院 at ``at`` points at when no single one fits by name: the one body
    the sentence's person travelled to just before (王丽来到屯留区第一中学，担任该校教学副校长;
    a 中学 is the 校 though its name ends otherwise), a school for 校; None otherwise."""
    if (last := s.travel_before(at)) is None:
        return None
    p, w = last
    dests = [m for m in s.list_after(p + len(w)) if m.end <= at and m.cls in ORG_CLASSES
             and (head != "校" or m.cls in SCHOOL_CLASSES)]
    return dests[0] if len(dests) == 1 else None


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
    tour (学习考察, 参观学习: the ``not-training`` family), which is a visit. (When pupils
    travel, :func:`_travel` reads their 学习, the ``pupil-study`` words, as no training: a
    school outing to a practice station is a visit.)"""
    trig = _triggers()
    for word in trig["not-training"]:
        text = text.replace(word, "|")
    # 慰问在澜沧挂职的干部: people described by where they train are no travellers' training
    text = _trained_there().sub("|", text)
    return any(w in text for w in trig["training"])


@lru_cache(maxsize=1)
def _trained_there() -> re.Pattern[str]:
    """在, up to 12 characters, a ``training`` word and 的: people described by where they
    train (在澜沧挂职的干部)."""
    words = _alternation(_triggers()["training"]).pattern
    return re.compile(rf"在[\u4e00-\u9fff]{{1,12}}?(?:{words})的")


def _appointment_words(s: _Sentence, lo: int | None = None):
    """(offset, word, end, body) of each ``appoint`` word of the sentence from ``lo`` (挂职,
    担任 …; ``not-appoint`` words such as 曾任 and 主任 are read and passed over): where what
    it governs begins (after it, and after 了) and the body written right there, or None."""
    trig = _triggers()
    words = _longest_first(trig["appoint"] + trig["not-appoint"])
    for pos, word in s.find(words, lo):
        if word in trig["not-appoint"]:
            continue
        at = pos + len(word)
        at += 1 if s.text.startswith("了", at, s.end) else 0
        body = next((m for m in s.mentions if s.start_of(m) == at and m.cls != "Person"), None)
        yield pos, word, at, body


def _posted(s: _Sentence, lo: int) -> bool:
    """Whether a post is taken after ``lo`` in the sentence: an ``appoint`` word (挂职, 担任)
    followed by a job title, a body written between or not (来到舟曲，挂职舟曲县委常委、副县长).
    Who travels to take a post there works there (worksFor): it is no visit, and 挂职 then is
    no training either."""
    for _pos, _word, at, body in _appointment_words(s, lo):
        if body is not None:
            at = body.end
        else:  # 到墨玉后挂职该院副院长: a body pointed back at (anaphors.tsv)
            at += next((len(w) for w in anaphors() if s.text.startswith(w, at, s.end)), 0)
        at += len(_posted_as(s, at))  # 来到X村，担任驻村第一书记
        if _job_title_at(s, at) is not None:
            return True
    return False


def _works_there(s: _Sentence, last: Mention) -> bool:
    """Whether the clause of a travel says the travellers work at the destination (到X公司就业,
    到X支教, 到X中小学开展教育实习, 到X村任第一书记: the ``work-there`` family, or 任 right
    after the destination): people placed there for work visit nothing."""
    trig = _triggers()
    b = s.clause_of(last.start)[1]
    rest = s.text[last.end:b]
    if rest.startswith("任") and not rest.startswith(trig["not-appoint"]):
        return True
    if any(w in rest for w in trig["work-there"]):
        return True
    # 赴X挂职，分别在X发改局、X镇政府任职: the next clause places them in posts there
    nxt = next((s.text[c:d].lstrip("，,；; ") for c, d in s.clause_list() if c >= b), "")
    at = nxt.find("在")
    return 0 <= at <= 2 and any(w in nxt for w in trig["work-at"])


def _travel(s: _Sentence, mentions: list[Mention]) -> None:
    words = s.travel_words()
    training = bool(words) and _trains(s.text[s.start:s.end])  # only where someone travels
    for pos, word in words:
        end = pos + len(word)
        dests = s.list_after(end + 1 if s.text.startswith("了", end) else end)
        if not dests or s.invited(pos) or _posted(s, end) or _works_there(s, dests[-1]):
            continue
        agents = s.agents_before(pos)
        a, _b = s.clause_of(pos)
        if not agents and (bare := _bare_opening(s, mentions, a, pos)) is not None:
            agents = [bare]  # 研究院专家团队深入X: the institute named before, by its head word
        if not agents and (sent := _delegation(s, mentions, a, pos)) is not None:
            agents = [sent]  # 代表团一行还前往X: the place whose delegation was named before
        if received := s.find(_triggers()["receive"], a, pos):
            # 接收乡镇医护人员到北京进修: the receiver hosts; those received, named after it, go
            agents = [m for m in agents if m.start >= received[-1][0]]
        # the training words of this journey: up to the next one (A派出专家到B开展帮扶，B也选派
        # 医护人员到A进修学习: A's journey is no training)
        following = next((p for p, _w in words if p > pos), s.end)
        trains = training and _trains(s.text[pos:following])
        if trains and any(w in s.text[a:pos] for w in _triggers()["pupils"]):
            trains = _trains(_alternation(_triggers()["pupil-study"]).sub("|", s.text[pos:s.end]))
        sites = _training_sites(s, dests[-1]) if trains else []
        for a in agents:
            for site in sites:
                s.add(a, "trainedAt", site)
            for d in dests:
                if d.cls == "Person" or d.cls in PLACE_CLASSES and _within(a.key, d.key):
                    continue  # a body going to a place it stands in (欢迎客商到屯留区) visits none
                if d.cls in PLACE_CLASSES and s.text.startswith(_triggers()["demonym"], d.end):
                    continue  # 走进天津人的厨房: the place's people's homes, no place visited
                if a.cls == "Person" and d.cls in PLACE_CLASSES and any(
                        o.cls in PLACE_CLASSES and _within(o.key, d.key) for o in agents):
                    continue  # the leader of a place's delegation does not visit its own place
                if a.cls in PLACE_CLASSES and _within(d.key, a.key):
                    continue  # a place going to its own parts (县里组织人员到本县学校) visits none
                if a.cls in PLACE_CLASSES and _residents_of(s, a):
                    continue  # 南通市民组团到沂南旅游: a place's people, not the place, travel
                if not trains and s.text.startswith(_triggers()["sender"], a.end):
                    continue  # 由X选派的医疗队抵达Y: X sends its people, it visits nothing
                s.add(a, "trainedAt" if trains else "visited", d)
                if a.cls == d.cls and a.cls in ORG_CLASSES and _aids_there(s, d):
                    s.add(a, "partnerOf", d)  # 甲医院派出医生到乙医院开展帮扶: a pair
                if d.org and not trains and d.cls not in ("Facility", "HistoricSite"):
                    s.add(a, "visited", d.org)  # a department's visitors visit its organisation


def _training_sites(s: _Sentence, dest: Mention) -> list[Mention]:
    """The bodies where travellers are trained, named after their destination in the next
    clause: 洱源县教师赴闵行区，分别在甲小学、乙中学跟岗学习 (the place is where they go, the
    schools where they learn: the ``training`` family after the list). The clause opens with
    在, or with a short adverb before it (分别, 先后)."""
    _a, b = s.clause_of(dest.start)
    spans = [(dest.end, b)] + [c for c in s.clause_list() if c[0] >= b][:1]
    for lo, hi in spans:
        lo += len(s.text[lo:hi]) - len(s.text[lo:hi].lstrip("，,；; "))
        at = s.text.find("在", lo, hi)
        if at < 0 or at - lo > 2:
            continue
        sites = [m for m in s.list_after(at + 1, ORG_CLASSES) if m.cls not in PLACE_CLASSES]
        if sites and _trains(s.text[sites[-1].end:hi]):
            return sites
    return []


def _unnamed_opening(s: _Sentence, a: int, pos: int) -> int | None:
    """Where the clause ``[a, pos)`` opens past its leading punctuation, for a bare word that
    stands for a body named before (:func:`_bare_opening`, :func:`_delegation`); None when a
    name is written there before ``pos``."""
    lo = a + len(s.text[a:pos]) - len(s.text[a:pos].lstrip("，,、 "))
    return None if any(lo <= m.start < pos for m in s.mentions) else lo


def _bare_opening(s: _Sentence, mentions: list[Mention], a: int, pos: int) -> Mention | None:
    """The body a bare body word opening the clause ``[a, pos)`` stands for (研究院专家团队
    先后深入X: bare_bodies.tsv, see :func:`_bare_body`), its people written after it; None
    when the clause opens with no such word or names someone."""
    if (lo := _unnamed_opening(s, a, pos)) is None:
        return None
    for k in range(8, 1, -1):
        if lo + k <= pos and (body := _bare_body(s, mentions, lo, lo + k, nearest=True)) is not None:
            return body
    return None


def _delegation(s: _Sentence, mentions: list[Mention], a: int, pos: int) -> Mention | None:
    """The place or body whose delegation a bare ``delegation`` word opening the clause
    ``[a, pos)`` stands for (次日，代表团一行还前往X): the last one named earlier in the article
    right before that word (宝安区党政代表团: up to four characters between). None when the
    clause opens otherwise or names someone. Source: the genre's delegation reports, which
    name the delegation once and then follow it by 代表团一行."""
    if (lo := _unnamed_opening(s, a, pos)) is None:
        return None
    word = next((w for w in _triggers()["delegation"] if s.text.startswith(w, lo, pos)), None)
    if word is None:
        return None
    pattern = _before_delegation(word)
    return next((m for m in reversed(mentions) if m.end <= lo and not m.nested
                 and m.cls in AGENT_CLASSES - {"Person"} and pattern.match(s.text, m.end)), None)


@lru_cache(maxsize=None)
def _before_delegation(word: str) -> re.Pattern[str]:
    """Up to four characters and the ``delegation`` word ``word`` (…党政代表团)."""
    return re.compile(r"[\u4e00-\u9fff]{0,4}?" + re.escape(word))


def _aids_there(s: _Sentence, dest: Mention) -> bool:
    """Whether the clause of a destination says the travellers help it (到乙医院开展“组团式”
    帮扶: the ``aid-there`` family after the name): a body sending its people to help a body
    of its own kind is paired with it."""
    rest = s.text[dest.end:s.clause_of(dest.start)[1]]
    return any(w in rest for w in _triggers()["aid-there"])


def _residents_of(s: _Sentence, place: Mention) -> bool:
    """Whether a ``residents`` word follows a place's name, after 的 or not (沂南的师生,
    南通观众, 南通市民 with the 市 of the name): people who live there, not its delegation."""
    words = _triggers()["residents"]
    after = s.text[place.end:s.end]
    return after.removeprefix("的").startswith(words) or \
        (s.text[place.end - 1:place.end] + after).startswith(words)


def _partners(s: _Sentence, pairs: list[tuple[Mention, Mention]],
              mentions: list[Mention]) -> None:
    trig = _triggers()
    for pos, word in s.find(trig["both"] + trig["both-places"]):  # 双方签署了协议: the last
        a, b = s.clause_of(pos)                                    # pair named with 与
        if any(m.start == pos + len(word) for m in s.mentions):
            continue  # 两地党校 names the bodies of both sides, see mentions._both_sides
        both = _both_sides(s, pairs, mentions, pos, word)
        if both is None:
            continue
        x, y = both
        if any(w in s.text[pos:b] for w in trig["sign"]):
            s.add(x, "signedAgreementWith", y)
            if any(w in s.text[pos:b] for w in trig["pair-agreement"]):
                s.add(x, "partnerOf", y)  # 两校签订结对共建协议: the schools pair up too
        elif any(w in s.text[pos:b] for w in trig["partner"]):
            s.add(x, "partnerOf", y)
    for pos, word in s.find(trig["pair-aid"]):  # 东城区对口支援屯留区: no 与, the verb joins them
        x = next((m for m in reversed(s.mentions) if m.end == pos), None)
        y = next((m for m in s.mentions if s.start_of(m) == pos + len(word)), None)
        sides = AGENT_CLASSES - {"Person", "HistoricSite"}
        if x is not None and y is not None and x.cls in sides and y.cls in sides:
            s.add(x, "partnerOf", y)
    for pos, word in s.find(("与", "同", "携")):
        a, b = s.clause_of(pos)
        clause = s.text[a:b]
        left = [m for m in s.mentions if a <= m.start and m.end <= pos and m.cls in AGENT_CLASSES | {"Project"}]
        right = [m for m in s.mentions if pos < m.start and m.end <= b and m.cls in AGENT_CLASSES
                 and not _placing(s, m)]
        bare = None if left else _bare_body(s, mentions, a, pos)  # 合作社与X公司签订
        if bare is not None and any(w in clause for w in trig["sign"]):
            left = [bare]
        if not left and right and any(w in clause for w in trig["sign"]):
            _elided_signer(s, mentions, a, pos, right[0])  # …；与C签订: the last signer again
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
                paired = any(w in clause for w in trig["pair-agreement"])
                for p, q in _signing_pairs(s, before, after, pos):
                    s.add(p, "signedAgreementWith", q)
                    _signed_project(s, a, b, p, q)
                    if paired:  # A与B签订结对共建协议: the two bodies pair up too
                        s.add(p, "partnerOf", q)
            else:  # no body on either side: the places themselves sign (屯留区与东城区签订…)
                s.add(x, "signedAgreementWith", y)
            if not (x.cls in PLACE_CLASSES and y.cls in PLACE_CLASSES):
                continue
        tail = s.text[y.end:b]
        if s.text[s.start_of(x) - 1:s.start_of(x)] == "由" and (any(
                tail.startswith(w) and tail[len(w):].startswith(trig["build-passive"])
                for w in trig["partner"]) or _passive_tail().match(tail)):
            continue  # 该项目由A与B合作建设, 由A与B共建，: the builders (establishedBy), no partners
        if word == "携" or any(w in tail for w in trig["partner"]):
            s.add(x, "partnerOf", y)


def _both_sides(s: _Sentence, pairs: list[tuple[Mention, Mention]], mentions: list[Mention],
                pos: int, word: str) -> tuple[Mention, Mention] | None:
    """The two sides a ``both`` or ``both-places`` word at ``pos`` (双方, 两校, 两地) stands
    for: the last pair named with 与 of the right kind, or None."""
    trig = _triggers()
    # 两地/两区 are two places: the last pair of places, not two schools named since
    candidates = pairs if word in trig["both"] else [
        p for p in pairs if p[0].cls in PLACE_CLASSES and p[1].cls in PLACE_CLASSES]
    if word in trig["both-schools"]:  # 两校: the last pair of schools, not of companies
        candidates = [p for p in candidates
                      if p[0].cls in SCHOOL_CLASSES and p[1].cls in SCHOOL_CLASSES]
    if word in trig["both"] and (met := _travel_pair(s, pos)) is not None:
        candidates = [met]  # A院长X率团来到B，双方…: the two sides are who met
    if not candidates and word in trig["both-schools"]:
        candidates = _two_schools(mentions, pos)
    return candidates[-1] if candidates else None


def _elided_signer(s: _Sentence, mentions: list[Mention], a: int, pos: int,
                   other: Mention) -> None:
    """与C签订… with no signer written before 与 in its clause (nothing, or only an adverb of
    the ``donor-adverb`` family: 还, 也) -> the signer of the last agreement of the same
    paragraph signs with C too: A与B签订X协议；与C签订Y协议. Source: how the genre lists the
    agreements one body signs at a signing ceremony."""
    if s.text[a:pos].strip("，,；; ") not in ("",) + _triggers()["donor-adverb"]:
        return
    if other.cls not in AGENT_CLASSES - PLACE_CLASSES - {"Person"}:
        return
    last = next((f for f in reversed(s.facts) if f.predicate == "signedAgreementWith"
                 and f.evidence.start < pos
                 and "\n" not in s.text[f.evidence.start:pos]), None)
    signer = None if last is None else next(
        (m for m in mentions if m.key == last.subject and m.start < pos), None)
    if signer is None or signer.key == other.key:
        return
    s.add(signer, "signedAgreementWith", other)
    _signed_project(s, a, s.clause_of(pos)[1], signer, other)


def _signed_project(s: _Sentence, a: int, b: int, p: Mention, q: Mention) -> None:
    """A与B签订PROJECT(投资)协议 -> PROJECT establishedBy whichever of A and B is a company,
    when only one is (a government or a park's committee signs with the investor, who builds
    it). The project is written right after the ``sign`` verb in ``[a, b)``, an ``agreement``
    word within a few Hanzi after it. Source: the genre's reports of signing ceremonies."""
    companies = [m for m in (p, q) if m.cls == "Company"]
    if len(companies) != 1:
        return
    trig = _triggers()
    for pos, w in s.find(trig["sign"], a, b):
        end = pos + len(w)
        project = next((m for m in s.mentions if m.cls == "Project" and end <= m.start < b
                        and s.text[end:s.start_of(m)] in ("", "了")), None)
        if project is not None and _agreement_tail().match(s.text, project.end, b):
            s.add(project, "establishedBy", companies[0])


@lru_cache(maxsize=1)
def _agreement_tail() -> re.Pattern[str]:
    """Up to four Hanzi (投资, 合作) and an ``agreement`` word: 投资协议, 合同."""
    return re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{_alternation(_triggers()['agreement']).pattern})")


def _placing(s: _Sentence, m: Mention) -> bool:
    """Whether the place ``m`` only says where the body after it stands (与位于杭州市的X医院:
    a ``located-at`` word before it, 的 after): it is no party of its own."""
    return m.cls in PLACE_CLASSES and s.text[m.end:m.end + 1] == "的" and \
        s.text.endswith(_triggers()["located-at"], s.start, s.start_of(m))


SCHOOL_CLASSES = ("School", "University", "PartySchool")


def _travel_pair(s: _Sentence, pos: int) -> tuple[Mention, Mention] | None:
    """The two sides 双方 at ``pos`` stands for after a journey in its sentence (A医院院长X率
    专家团队来到B医院，双方正式组建医联体): the one body the travellers stand for (a person
    for the body of the post) and the one body or place they came to; None otherwise."""
    if (last := s.travel_before(pos)) is None:
        return None
    p, w = last
    dests = s.list_after(p + len(w))
    sides = {m.key: m for m in map(lambda m: _represented(s, m), s.agents_before(p))
             if m is not None and m.cls != "Person"}
    if len(dests) != 1 or len(sides) != 1 or s.invited(p):
        return None
    return next(iter(sides.values())), dests[0]


def _two_schools(mentions: list[Mention], pos: int) -> list[tuple[Mention, Mention]]:
    """The pair 两校 stands for when no two schools were named with 与: the article's two
    schools named before ``pos`` (精武镇中心小学的教师走上大川镇中心小学的讲台…两校结为…),
    when it has exactly two."""
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.end <= pos and m.cls in SCHOOL_CLASSES:
            first.setdefault(m.key, m)
    schools = list(first.values())
    return [(schools[0], schools[1])] if len(schools) == 2 else []


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
    with whom, and give nothing. Pairs listed with 、 (A与B、C与D分别签订) are each their own
    pair."""
    def paired(m: Mention, other: Mention, gap: str) -> bool:
        """Whether ``m`` belongs to a pair of its own, joined by 、 to ``other``: A与B、C与D
        (the list names pairs, not one side's bodies)."""
        return gap == "、" and (s.text.startswith("与", m.end) or
                               s.text[s.start_of(m) - 1:s.start_of(m)] == "与")

    lhs = [before[-1]]
    for m in reversed(before[:-1]):
        if not s._coordinated(m, lhs[0]) or paired(m, lhs[0], s.text[m.end:s.start_of(lhs[0])]):
            break
        lhs.insert(0, m)
    rhs = [after[0]]
    for m in after[1:]:
        if not s._coordinated(rhs[-1], m) or paired(m, rhs[-1], s.text[rhs[-1].end:s.start_of(m)]):
            break
        rhs.append(m)
    each = any(w in s.text[lhs[-1].end:pos] for w in _triggers()["each"])
    if each and len(lhs) == len(rhs) > 1:
        return list(zip(lhs, rhs))
    if len(rhs) == 1:
        return [(m, rhs[0]) for m in lhs]
    return [] if len(lhs) > 1 else [(lhs[0], m) for m in rhs]


def _donations(s: _Sentence, mentions: list[Mention]) -> None:
    """A为B捐赠 / A联系B无偿提供 -> donatedTo, with the sum the clause gives (yuan). Several
    donors before one donation verb give its sum together (A、B、C为D捐赠350余万元: one sum,
    marked on each fact as given jointly by 3) unless a word of the ``each`` family stands
    between the last donor and the sum (A、B为D各捐赠100万元, A、B分别为D捐赠: each donor's own)."""
    trig = _triggers()
    for pos, word in s.find(trig["donate"]):
        donors, recipients = [], []
        for rpos, marker in s.find(trig["recipient"], s.clause_of(pos)[0], pos):
            after = s.list_after(rpos + len(marker), AGENT_CLASSES)
            bare = _bare_body(s, mentions, rpos + len(marker), pos)  # 向合作社捐赠
            after = after or ([bare] if bare is not None else [])
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
        if not donors:  # …向A捐赠X；向B捐赠Y: the donors of the sentence the semicolon ends
            for d in _donors_before_semicolon(s):
                for r in recipients:
                    s.add(d, "donatedTo", r, qualifier=qualifier, amount=amount)
            continue
        givers = len({d.key for d in donors})
        joint = givers if sums and givers > 1 and not _each(
            s, donors[-1].end, pos + sums[0].start) else 0
        for d in donors:
            for r in recipients:
                s.add(d, "donatedTo", r, qualifier=qualifier, amount=amount, joint_donors=joint)


def _donors_before_semicolon(s: _Sentence) -> list[str]:
    """The keys of the donors of the sentence right before ``s`` when a semicolon ends it and
    ``s`` opens with the recipient (…向A捐赠X；向B捐赠Y): the same donors give again."""
    if not s.text[max(0, s.start - 2):s.start].rstrip().endswith(("；", ";")) or \
            not s.text.startswith(_triggers()["recipient"], s.start):
        return []
    prev = [f for f in s.facts if f.predicate == "donatedTo" and s.start - 2 <= f.evidence.end
            <= s.start]
    return list(dict.fromkeys(f.subject for f in prev))


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


def _establishment(s: _Sentence, pairs: list[tuple[Mention, Mention]] = (),
                   mentions: list[Mention] = ()) -> list[Fact]:
    """援建/打造/开设 X -> X establishedBy the actors; a facility stands where 在X says, or
    where its founder is. Returns the facts of the latter kind, guesses that a 在X挂牌成立 of
    the same sentence or a later one overrides (:func:`_written_place_wins`)."""
    guessed: list[Fact] = []
    trig = _triggers()
    for pos, word in s.find(trig["establish"] + trig["implement"]):
        end = pos + len(word)
        a0, b = s.clause_of(pos)
        objects = [m for m in s.mentions if end <= m.start <= min(b, end + 20)
                   and m.cls in ESTABLISHED_CLASSES]
        if word in trig["implement"]:  # X投入资金680万元，实施Y项目: X's money builds Y
            objects = [m for m in objects if m.cls == "Project"] \
                if _fund_input().search(s.text, s.start, pos) or _built_by(s, a0, pos) else []
            # 由X实施的Y项目: X carries the project out (its builder), as 由X建设的
        building = word in trig["build-verb"]
        if building and "把" in s.text[a0:pos]:
            continue  # 把园区建成…基地: made into, not built
        invested = building and _invested(s, a0, pos)
        built_at = _built_at(s, a0, pos) if building else None
        if building:  # 推进项目建设, 建设…示范村项目 say no builder; 由X建设的 does,
            objects = [m for m in objects if m.cls in ("Facility", "HealthCenter")  # and X投资建设
                       or m.cls == "Project" and (_built_by(s, a0, pos) or invested
                                                  or built_at is not None)]
        if not objects:
            continue
        obj = objects[0]
        gap = s.text[end:s.start_of(obj)]
        if gap and not _counted(gap) and not (gap.endswith("的") and len(gap) <= 20):
            continue
        written = [m for m in s.mentions if a0 <= m.start < pos and m.cls in PLACE_CLASSES
                   and s.is_location(m)]  # 在屯留区打造: where the text says it stands
        agents = s.agents_before(pos, AGENT_CLASSES - {"Person"})
        opening = next((w for w in _triggers()["both-schools"] if s.text.startswith(w, s.start)),
                       None)
        if not agents and opening is not None and \
                (both := _both_sides(s, pairs, mentions, s.start, opening)) is not None:
            agents = list(both)  # 两校…合作开设了X: the two schools set it up
        if invested and len(agents) > 1 and agents[0].end <= a0 and \
                s.text[agents[0].end:s.start_of(agents[1])] in _triggers()["companion"]:
            agents = agents[:1]  # A与B签约，计划投资建设X: the subject invests, not its partner
        for a in agents:
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
        elif built_at is not None and obj.cls == "Project" and not gap.strip("了的"):
            s.add(obj, "locatedIn", built_at)  # X在PLACE建设的PROJECT: the project is there
    return guessed


def _built_at(s: _Sentence, lo: int, pos: int) -> Mention | None:
    """The place of ORG在PLACE建设 right before the verb 建设 at ``pos`` (a body, 在, a place,
    the verb): 某食品公司在某镇建设的花椒加工项目 says the body builds the project there, at
    its own initiative. None when the clause is not written so. Source: how the genre reports
    an enterprise's investment in the partner region (企业在某镇建设的…项目开工)."""
    place = next((m for m in s.mentions if m.end == pos and lo <= m.start
                  and m.cls in PLACE_CLASSES and s.is_location(m)), None)
    if place is None:
        return None
    at = s.start_of(place) - 1
    body = next((m for m in s.mentions if m.end == at and lo <= m.start), None)
    return place if body is not None and body.cls in AGENT_CLASSES - PLACE_CLASSES - {"Person"} \
        else None


def _agents_after_you(s: _Sentence, pos: int) -> list[Mention]:
    """The bodies named right after the 由 at ``pos`` and those coordinated with them (由A与B,
    由A联合B, 由A、B); empty when no body follows it at once."""
    named = [m for m in s.mentions if m.start > pos and m.cls in AGENT_CLASSES - {"Person"}]
    if not named or s.start_of(named[0]) != pos + 1:
        return []
    group = [named[0]]
    for m in named[1:]:
        if not s._coordinated(group[-1], m):
            break
        group.append(m)
    return group


def _built_by_passive(s: _Sentence, mentions: list[Mention],
                      recent_project: Mention | None = None) -> None:
    """PROJECT(…)，由X(负责)建设(运营) -> PROJECT establishedBy X: the project is the topic
    of the sentence, written before 由, and the verb builds nothing named after it (a clause
    end follows, or 运营/管理), so X is its builder or operator. The verbs are the
    ``build-passive`` family of triggers.tsv, the words between 由X and the verb the
    ``build-manner`` family. Source: how the genre reports a project's figures and builder in
    one sentence (…项目总投资1800万元，其中对口合作资金700万元，由…公司建设，于…开工).
    Several bodies may be coordinated after 由 (A与B, A联合B), with a ``build-together``
    word (共同) before the verb: each is a builder (该服务站由A与B共建; 食堂由A联合B共同打造).
    A bare body word before 由 (工作站由X设立, 该服务站由…) stands for the article's one body
    of that kind. Source: how the genre reports who set up a local service facility.
    A bare 项目 opening the clause (the ``project-back`` family: 项目, 该项目) stands for the
    last project of the paragraph (…二期项目开工建设。项目由X投资建设，总投资3.2亿元)."""
    tail = _passive_tail()
    for pos, _word in s.find(("由",)):
        group = _agents_after_you(s, pos)
        if not group:
            continue
        matched = tail.match(s.text, group[-1].end, s.end)
        if not matched:
            continue
        a0, _b = s.clause_of(pos)
        # 由X投资1560万元建设: the builder's sum is what the thing cost, unless the sentence
        # gives its total investment in words of its own (总投资)
        sums = [] if s.find(_triggers()["total"]) else find_amounts(matched.group(0))
        # a facility is built too when 由 opens its clause (该中心于9月建成，由X投资建设)
        # or when the facility is written right before 由 (X工坊由Y公司投资建成)
        projects = [m for m in s.mentions if m.end <= pos and (
            m.cls == "Project" or m.cls in ("Facility", "HealthCenter")
            and (a0 == pos or m.end == pos and m.start >= a0))]
        if recent_project is not None and not projects and \
                s.text[a0:pos].strip("“”\"，, ") in _triggers()["project-back"]:
            built = recent_project  # …项目开工。项目由X投资建设: the paragraph's project
        else:
            built = _bare_body(s, mentions, a0, pos)  # 这个养老服务中心由X投资建设
        # 由 opens its clause (…项目总投资…，由X建设), or follows the project at once (X项目由Y承建)
        if built is None and projects and (a0 == pos or projects[-1].start >= a0 and s.text[
                projects[-1].end:pos] in ("", "将", "已", "则", "均")):
            built = projects[-1]
        if built is None:
            continue
        for agent in group:
            s.add(built, "establishedBy", agent)
        if sums:
            s.add(built, "totalInvestment", str(sums[0].yuan), literal=True,
                qualifier=sums[0].qualifier)


CO_BUILT_CLASSES = ESTABLISHED_CLASSES | {"PublicInstitution", "University", "NonProfit"}


def _co_built(s: _Sentence) -> None:
    """由A与B共建的X -> X establishedBy A and B: the bodies coordinated right after 由, a
    ``co-build`` verb (共建, 共同建设 …) and 的, then the name it builds. Source: how the genre
    introduces a joint institute or base (由县政府与某大学共建的…研究院)."""
    for pos, _word in s.find(("由",)):
        group = _agents_after_you(s, pos)
        if not group:
            continue
        tail = _co_built_tail().match(s.text, group[-1].end, s.end)
        built = None if tail is None else next(
            (m for m in s.mentions if s.start_of(m) == tail.end()), None)
        if built is not None and built.cls in CO_BUILT_CLASSES:
            for a in group:
                s.add(built, "establishedBy", a)


@lru_cache(maxsize=1)
def _co_built_tail() -> re.Pattern[str]:
    """What follows the builders in 由A与B共建的X: a ``co-build`` verb, then 的."""
    return re.compile(rf"(?:{_alternation(_triggers()['co-build']).pattern})的")


@lru_cache(maxsize=1)
def _passive_tail() -> re.Pattern[str]:
    """What follows the builder in 由X(负责)建设(运营): a ``build-manner`` or ``build-together``
    word or none, a ``build-passive`` or ``build-jointly`` verb, 运营/管理 or none, then the
    clause's end."""
    trig = _triggers()
    verbs = _alternation(trig["build-passive"] + trig["build-jointly"]).pattern
    manner = _alternation(trig["build-manner"] + trig["build-together"]).pattern
    return re.compile(rf"{_WHEN_AFTER_YU}(?:(?:{manner}){_SUM})?(?:{verbs})(?:运营|管理)?"
                      r"(?=[，,。；;]|$)")


# 于2024年5月, 于今年3月: when the builder built, written between the builder and the verb
# (X由Y于2024年5月投资120万元建成); and the sum of an investing word (投资120万元)
_WHEN_AFTER_YU = r"(?:于(?:(?:19|20)\d\d年|今年|去年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)?"
_SUM = r"(?:[0-9０-９.．一二三四五六七八九十百千万亿余多约近]+元)?"


@lru_cache(maxsize=1)
def _counting() -> re.Pattern[str]:
    """了, 出, a number with its measure word (the ``measure`` family), 的: each or none."""
    measures = "|".join(map(re.escape, _triggers()["measure"]))
    return re.compile(rf"(?:了|出)?(?:(?:\d+|[一二三四五六七八九十两]+)(?:{measures}))?的?")


def _counted(gap: str) -> bool:
    """Whether the words between a building verb and what it built only count it: 了, 出, 的
    and a number with its measure word (援建了一所, 打造38个: the ``measure`` family)."""
    return _counting().fullmatch(gap) is not None


def _invested(s: _Sentence, lo: int, pos: int) -> bool:
    """Whether the verb 建设 at ``pos`` follows an investing word of the ``build-manner``
    family (投资, 出资), a sum between or not, with no 由 before it: X(计划)投资8.6亿元建设…项目
    says the actor of the clause builds the project at its own cost."""
    gap = _investing().search(s.text, lo, pos)
    return gap is not None and "由" not in s.text[lo:gap.start()]


@lru_cache(maxsize=1)
def _investing() -> re.Pattern[str]:
    """An investing word (``build-manner``: 投资, 出资) and a sum, ending where searched."""
    manner = _alternation(_triggers()["build-manner"]).pattern
    return re.compile(rf"(?:{manner})[0-9０-９.．一二三四五六七八九十百千万亿余多约近]*元?$")


@lru_cache(maxsize=1)
def _fund_input() -> re.Pattern[str]:
    """A ``fund-input`` word (投入, 安排), up to 12 characters (the kind of money) and a sum in
    yuan, then a comma, ending where searched: the clause before an ``implement`` verb."""
    words = _alternation(_triggers()["fund-input"]).pattern
    return re.compile(rf"(?:{words})[\u4e00-\u9fff]{{0,12}}[0-9０-９.．]+[万亿]?元[，,]$")


@lru_cache(maxsize=1)
def _whole_funding() -> re.Pattern[str]:
    """A ``funding-whole`` word (全部使用, 均为) and up to 8 characters, ending where searched."""
    return re.compile(rf"(?:{_alternation(_triggers()['funding-whole']).pattern})"
                      r"[\u4e00-\u9fff]{0,8}$")


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
    where they are trained (丰台区委党校举办武川县乡村振兴专题培训班). The class word may end
    a name the mention finder reads as an event (首期乡村医生培训班)."""
    trig = _triggers()
    for pos, word in s.find(trig["hold-class"]):
        end = pos + len(word)
        _a, b = s.clause_of(pos)
        classes = s.find(trig["class"], end, min(b, end + 24)) or \
            _class_events(s, end, min(b, end + 24))
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
            _attendants(s, pos, b)
            continue
        for host in s.agents_before(host_end, AGENT_CLASSES - {"Person"}):
            for m in trainees:  # 屯留区委组织部举办屯留区…培训班: its own people, no relation
                if not _within(host.key, m.key):
                    s.add(m, "trainedAt", host)


def _class_events(s: _Sentence, lo: int, hi: int) -> list[tuple[int, str]]:
    """(offset, word) of the ``class`` words ending the Event mentions that start in [lo, hi):
    a class the text names as an event (举办首期乡村医生培训班), whose word :meth:`_Sentence.find`
    does not see inside the mention."""
    words = _triggers()["class"]
    out = []
    for m in s.mentions:
        if m.cls == "Event" and lo <= m.start < hi and m.label.endswith(words):
            word = next(w for w in words if m.label.endswith(w))  # longest first
            out.append((m.end - len(word), word))
    return out


def _attendants(s: _Sentence, pos: int, b: int) -> None:
    """A在SITE举办…培训班，C、D的医生参加培训 -> C, D trainedAt SITE: the bodies whose
    people attend (named before a ``participate`` word in a clause after the class's) are
    trained where the class is held, a body written after 在 before the verb at ``pos``."""
    a, _b = s.clause_of(pos)
    sites = [m for m in s.mentions if a <= m.start and m.end <= pos and s.is_location(m)
             and m.cls in ORG_CLASSES]
    if not sites:
        return
    for c, d in s.clause_list():
        if c < b:
            continue
        joins = s.find(_triggers()["participate"], c, d)
        if not joins:
            continue
        named = [m for m in s.mentions if c <= m.start and m.end <= joins[0][0]
                 and m.cls in ORG_CLASSES and m.key != sites[-1].key]
        for m in named:
            s.add(m, "trainedAt", sites[-1])
        if not named and sites[-1].cls in SCHOOL_CLASSES:
            # A在某党校举办…培训班，全县115名第一书记参加培训: A's own people, at the school
            for host in s.mentions:
                if a <= host.start and host.end <= sites[-1].start and host.cls in ORG_CLASSES \
                        and not s.is_location(host) and not _within(sites[-1].key, host.key):
                    s.add(host, "trainedAt", sites[-1])
        return


def _within(key: str, place: str) -> bool:
    """Whether an entity key lies under a place's key (org/山西省/长治市/屯留区/委组织部 under
    place/山西省/长治市/屯留区): keys spell the divisions a body stands in."""
    path, root = key.split("/", 1)[-1], place.split("/", 1)[-1]
    return path == root or path.startswith(root + "/")


def _events(s: _Sentence, mentions: list[Mention]) -> None:
    """开展/举办 EVENT -> organizerOf (and locatedIn from 在X开展); 参加/出席 EVENT, EVENT上参展 ->
    participatedIn; 出席会议 the event named just before by its head word (会议), with the
    people listed before the verb in clauses of their own (区长A，书记B出席会议并讲话)."""
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
        if not events and word in trig["participate"]:
            # 出席会议并讲话: the meeting named just before, by its head word alone
            ev = _event_named_before(s, mentions, end)
            events = [ev] if ev is not None else []
        if not events:
            continue
        ev = events[0]
        agents = s.agents_before(pos, AGENT_CLASSES - {"Person"} if word in trig["organize"] else AGENT_CLASSES)
        relation = "organizerOf" if word in trig["organize"] else "participatedIn"
        if relation == "participatedIn":
            # 屯留区委书记李红出席会议: the body before a post only names the post
            agents = [m for m, nxt in zip(agents, agents[1:] + [None])
                      if not (nxt is not None and nxt.cls == "Person" and m.cls != "Person"
                              and (s._title_between(m, nxt)
                                   or _posts_only(s.text[m.end:s.start_of(nxt)])))]
            if agents and all(a.cls == "Person" for a in agents):
                agents = _people_listed_before(s, pos) + agents  # 区长A，书记B出席会议
        for a in agents:
            s.add(a, relation, ev)
        if relation == "organizerOf":
            a, _b = s.clause_of(pos)
            sited = [m for m in s.mentions
                     if a <= m.start < pos and s.is_location(m) and m.cls in PLACE_CLASSES]
            for m in sited or _travelled_to(s, pos):
                s.add(ev, "locatedIn", m)
        elif agents:  # 赴苏州参加EVENT: the place gone to, right before the verb, holds it
            for m in _travelled_to(s, pos):
                if m.end == pos:
                    s.add(ev, "locatedIn", m)


_BARE_EVENT = re.compile(r"了?(?:本次|此次|这次|该)?([\u4e00-\u9fff]{2,6}?)(?=并|[，,。；;、]|$)")


def _event_named_before(s: _Sentence, mentions: list[Mention], end: int) -> Mention | None:
    """The event a bare head word right after a participation verb ending at ``end`` stands
    for (出席会议并讲话, 参加了活动): the last event named before the sentence, in its paragraph
    or the one before, whose name ends with the word. Source: the genre's meeting reports,
    which name the meeting once and then say who attended 会议."""
    found = _BARE_EVENT.match(s.text, end, s.end)
    if found is None:
        return None
    head = found.group(1)
    return _last_event_ending(mentions, head, paragraph_before(s.text, s.start), s.start)


def _last_event_ending(mentions: list[Mention], head: str, lo: int, hi: int) -> Mention | None:
    """The last outermost event of ``mentions`` within ``[lo, hi)`` whose name ends in the
    head word ``head`` (and is more than it): the event a bare head word points back at."""
    return next((m for m in reversed(mentions) if lo <= m.start and m.end <= hi
                 and m.cls == "Event" and not m.nested and m.label.endswith(head)
                 and m.label != head), None)


def _people_listed_before(s: _Sentence, pos: int) -> list[Mention]:
    """The people written before the clause of ``pos`` in clauses that hold nothing but a
    person and the posts before the name (东丽区委副书记、区长A，甘谷县委书记B出席会议: A
    attends with B): a list of attendants split by commas."""
    a, _b = s.clause_of(pos)
    out: list[Mention] = []
    for c, d in reversed([cl for cl in s.clause_list() if cl[1] <= a]):
        inside = [m for m in s.mentions if c <= m.start and m.end <= d]
        if not inside or inside[-1].cls != "Person" or s.text[inside[-1].end:d].strip():
            break
        rest, at = [], c
        for m in inside:
            rest.append(s.text[at:m.start])
            at = m.end
        words = [w for part in rest for w in re.split(r"[、\s]+", part) if w]
        if not all(w in _posts() for w in words):
            break
        out.insert(0, inside[-1])
    return out


def _travelled_to(s: _Sentence, pos: int) -> list[Mention]:
    """The place the actors of an event held at ``pos`` travelled to just before, in the
    sentence (来到北山村，开展义诊活动: the event is held there): the places after the last
    travel word before ``pos``, when no invitation or post-taking makes it no journey."""
    if (last := s.travel_before(pos)) is None:
        return []
    p, w = last
    end = p + len(w)
    if s.invited(p) or _posted(s, end):
        return []
    dests = s.list_after(end + 1 if s.text.startswith("了", end) else end)
    return [d for d in dests if d.cls in PLACE_CLASSES and d.end <= pos]


def _organized_by(s: _Sentence, mentions: list[Mention]) -> None:
    """EVENT(…)，由A与B(共同)主办 and 由A主办的EVENT -> A, B organizerOf EVENT: the names
    between 由 and an ``organize`` verb (主办, 承办, 举办 …; the ``organize-manner`` words
    共同/联合 may stand between) organise the event named last before 由 in the sentence, or
    the one right after 的; the clauses that follow with no 由 (，C、D承办, or after 、: 由A主办、B承办)
    name more of them."""
    for pos, _word in s.find(("由",)):
        named = _names_then_organize(s, pos)
        if named is None:
            continue
        group, verb = named
        if verb.group("of"):
            event = next((m for m in s.mentions if m.start == verb.end() and m.cls == "Event"),
                         None)
        else:
            event = next((m for m in reversed(s.mentions) if m.end <= pos and m.cls == "Event"),
                         None) or _event_pointed_at(s, mentions, pos)
        # …由A主办，B、C承办: the clauses that follow name the event's other organisers
        while event is not None and named is not None:
            for agent in group:
                s.add(agent, "organizerOf", event)
            at = verb.end()
            named = None if verb.group("of") or not s.text.startswith(("，", ",", "、"), at) else \
                _names_then_organize(s, at)
            if named is not None:
                group, verb = named


def _event_pointed_at(s: _Sentence, mentions: list[Mention], pos: int) -> Mention | None:
    """The event a clause written before ``pos`` points back at by its head word alone, after a
    ``this-event`` word or not (本届旅游节由A主办, 展销会由A与B联合主办): the last event named
    earlier in the article whose name ends in that word."""
    a, _b = s.clause_of(pos)
    head = s.text[a:pos].strip()
    for w in _triggers()["this-event"]:
        if head.startswith(w):
            head = head[len(w):]
            break
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", head):
        return None
    return _last_event_ending(mentions, head, 0, a)


def _names_then_organize(s: _Sentence, at: int) -> tuple[list[Mention], re.Match[str]] | None:
    """The organising bodies written right after the character at ``at`` (由, a comma),
    coordinated (A与B, A、B), and the ``organize`` verb that follows them (with 共同/联合
    before it, 的 after it), or None."""
    organizers = AGENT_CLASSES - {"Person"}
    b = s.clause_of(at + 1)[1]
    found = [m for m in s.mentions if at < m.start and m.end <= b and m.cls in organizers]
    if not found or s.start_of(found[0]) != at + 1:
        return None
    group = [found[0]]
    for m in found[1:]:
        if s._coordinated(group[-1], m):
            group.append(m)
    verb = _organize_tail().match(s.text, group[-1].end, s.end)
    return (group, verb) if verb is not None else None


@lru_cache(maxsize=1)
def _organize_tail() -> re.Pattern[str]:
    trig = _triggers()
    verbs = _alternation(trig["organize"]).pattern
    manner = _alternation(trig["organize-manner"]).pattern
    return re.compile(rf"(?:{manner})?(?:{verbs})(?P<of>的)?(?=[，,。；;、]|$|(?P=of))")


def _figures(s: _Sentence, recent: Mention | None) -> Mention | None:
    """总投资 / 对口合作资金 + amount -> totalInvestment / cooperationFunding of the project
    named before it in the sentence (or the last project of the paragraph when the sentence
    names none: 该项目总投资; a project of an earlier paragraph is another topic). A funding
    word after 全部使用/均为 (``funding-whole``) and no amount funds the whole investment."""
    trig = _triggers()
    establish = tuple(trig["establish"])
    # 援建了X，项目总投资; 由X援建的Y小学交付使用。该项目总投资: a built facility or school
    projects = [m for m in s.mentions if m.cls == "Project" or m.cls in FIGURED_CLASSES and (
        s.text[s.start:s.start_of(m)].removesuffix("的").removesuffix("了").endswith(establish))]
    # 京蒙协作资金: the funding word is cut by the programme's name (京蒙协作), 资金 follows it
    program_funds = [(m.end, w) for m in s.mentions if m.cls == "CooperationProgram"
                     for w in trig["program-funding"] if s.text.startswith(w, m.end)]
    total = None  # (subject, amount) of the sentence's last total investment
    for family, attr in (("total", "totalInvestment"), ("funding", "cooperationFunding")):
        hits = s.find(trig[family]) + (program_funds if family == "funding" else [])
        for pos, word in sorted(hits):
            amounts = [a for a in find_amounts(s.text[pos:s.end]) if a.start <= len(word) + 4]
            if not amounts and family == "funding" and total is not None and \
                    _whole_funding().search(s.text, s.start, pos):
                # 总投资680万元，全部使用东西部协作资金: the funding is the whole investment
                s.add(total[0], attr, str(total[1].yuan), literal=True,
                      qualifier=total[1].qualifier)
                continue
            if not amounts:
                continue
            subject = next((p for p in reversed(projects) if p.end <= pos), None)
            subject = subject or _figured_thing(s, pos)
            if subject is None:  # 帮扶资金300万元用于屯留区养殖项目
                _a, b = s.clause_of(pos)
                used = s.text.find("用于", pos, b)
                subject = next((p for p in projects if used >= 0 and p.start >= used), None)
            subject = subject or _implemented_after(s, pos, projects)
            subject = subject or recent
            if subject is None:
                continue
            amount = amounts[0]
            s.add(subject, attr, str(amount.yuan), literal=True, qualifier=amount.qualifier)
            if family == "total":
                total = (subject, amount)
    return projects[-1] if projects else recent


def _implemented_after(s: _Sentence, pos: int, projects: list[Mention]) -> Mention | None:
    """The project an ``implement`` verb names right after the clause of a sum put in at
    ``pos``: 投入协作资金680万元，实施Y项目 gives Y the money."""
    for p in projects:
        if p.start <= pos:
            continue
        verb = next((w for w in _triggers()["implement"]
                     if s.text.endswith(w, s.start, s.start_of(p))), None)
        if verb is None:
            return None
        found = _fund_input().search(s.text, s.start, s.start_of(p) - len(verb))
        return p if found is not None and found.start() < pos < found.end() else None
    return None


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
                 "HealthCenter", "PublicInstitution", "NonProfit", "Foundation", "Company", "Hospital")
# bodies, not works: no start or end of works is theirs (由X公司实施，9月开工 dates the project)
UNBUILT_CLASSES = {"Company", "GovernmentAgency", "PartyOrganization", "Foundation", "NonProfit",
                   "MediaOutlet", "Hospital"}
# bodies built or not: a date of theirs founds them (建成), it never starts or ends them
BODY_CLASSES = UNBUILT_CLASSES | {"School", "University", "HealthCenter", "PublicInstitution",
                                  "PartySchool"}


def _dated(s: _Sentence, m: Mention, attr: str, pos: int) -> bool:
    """Whether ``m`` can bear the date a word at ``pos`` gives as ``attr``: a body never starts
    or ends works, a company is founded only by an ``incorporation`` word (成立, 注册) of the
    founding words at ``pos`` (挂牌成立), never by 挂牌 alone (listed) or by 建成."""
    if m.cls in UNBUILT_CLASSES and attr in ("startDate", "endDate", "completion"):
        return False
    if m.cls in BODY_CLASSES and attr in ("startDate", "endDate"):
        return False  # 9月1日，X小学的教师开始支教工作: a school is founded, never started
    gap = s.text[m.end:pos]
    if attr in ("completion", "opening") and "的" in gap and not re.search(r"[，,；;]", gap):
        return False  # X新建的综合教学楼投入使用: something of X's is completed, not X
    if attr in ("completion", "opening") and re.fullmatch(r"[\u4e00-\u9fff]{2,}", gap) and \
            not any(m.end <= o.start < pos for o in s.mentions):  # 在东城区开门营业: a place
        adverbs = _alternation(_longest_first(_triggers()["completion-adverb"]))
        if len(adverbs.sub("", gap)) > 1:
            return False  # X综合业务楼投入使用: a building of X's (no name) is completed, not X
    if attr == "opening":  # 正式开放 founds a facility; a body or site that opens was there
        return m.cls == "Facility"
    if m.cls == "Company":
        return attr == "foundingDate" and any(
            w in s.text[pos:pos + 4] for w in _triggers()["incorporation"])
    return True


_YEAR_AFTER = re.compile(r"(?<=于)((?:19|20)\d\d)年(?![0-9]|份|[0-9]*月)")


def _dates(s: _Sentence, recent_project: Mention | None) -> None:
    """A date is read by the first start/end/founding word after it (7月启动到完工: 7月 is the
    start) as that attribute of the thing named nearest before the word that can bear it (see
    :func:`_dated`: 由X公司建设，9月开工 dates the project, not the company), or of the article's
    last project when the sentence says only 项目. A completion word (建成) ends a project and
    founds anything else; an opening word (正式开放) founds a facility only. A word written just
    before 于 and the date reads it instead (成立于2021年3月; 始建于1952年 gives a year alone).
    The first event of a sentence takes the date written nearest before it as its start (and
    end, for a range)."""
    trig = _triggers()
    text = s.text[s.start:s.end]
    dates = find_dates(text, s.article.year) + [  # 始建于1952年: a year alone after WORD于
        DateSpan(m.group(1), None, m.start(1), m.end()) for m in _YEAR_AFTER.finditer(text)]
    if not dates:
        return
    words = sorted(
        [(pos, attr, w) for family, attr in (("start", "startDate"), ("end", "endDate"),
                                             ("founding", "foundingDate"),
                                             ("founding-adjacent", "foundingDate"),
                                             ("completion", "completion"),
                                             ("opening", "opening"))
         for pos, w in s.find(trig[family])])
    candidates = [m for m in s.mentions if m.cls in DATED_CLASSES]
    for date in sorted(dates, key=lambda d: d.pos):
        at = s.start + date.stop
        # 成立于2021年3月: the word written just before 于 and the date, else the first after it
        word = next(((pos, attr, w) for pos, attr, w in words
                     if pos + len(w) + 1 == s.start + date.pos and s.text[pos + len(w)] == "于"),
                    None)
        if word is None and len(date.start) > 4:  # (a year alone only so: 于2019年成立X)
            word = next(((pos, attr, w) for pos, attr, w in words if pos >= at
                         and (w not in trig["founding-adjacent"] or pos == at)), None)
        if word is None:
            continue
        pos, attr, w = word
        if attr == "foundingDate" and _founds_named_after(s, pos + len(w)):
            # A与B联合成立“X读书会”: what is founded is named after the verb, A and B found it
            subject = next((m for m in candidates if s.start_of(m) == pos + len(w)), None)
            if subject is not None and _dated(s, subject, attr, pos):
                s.add(subject, attr, date.start, literal=True)
            continue
        # 成立于2023年9月的X服务队: the name the dated clause qualifies, written after 的
        subject = next((m for m in candidates if s.start_of(m) == at + 1 and s.text[at] == "的"
                        and pos < at and _dated(s, m, attr, pos)), None)
        subject = subject or next((m for m in reversed(candidates) if m.end <= pos  # 在X开幕: X hosts
                                   and not s.is_location(m) and not _in_relative_clause(s, m)
                                   and _dated(s, m, attr, pos)), None)
        if subject is None and attr in ("startDate", "endDate", "completion"):
            # 今年4月开工建设X项目: the project written after the word (and a building verb)
            subject = next((m for m in candidates if m.cls == "Project" and s.text[
                pos + len(w):s.start_of(m)] in ("",) + trig["build-passive"]), None)
        if subject is None and recent_project is not None and (
                "项目" in s.text[s.start:pos] or recent_project.cls == "Project" and any(
                    f.evidence == s.evidence and f.subject == recent_project.key
                    and f.predicate == "totalInvestment" for f in s.facts)):
            subject = recent_project  # 园区总投资4.8亿元，2023年6月开工: whose figures, its dates
        if subject is None:
            continue
        if attr == "completion":
            attr = "endDate" if subject.cls == "Project" else "foundingDate"
        elif attr == "opening":
            attr = "foundingDate"
        s.add(subject, attr, date.start, literal=True)
    events = [m for m in s.mentions if m.cls == "Event"]
    before = [d for d in dates if events and d.stop <= events[0].start - s.start]
    if before:  # 继X去年10月赴南通演出之后，今年8月，…开展EVENT: the date nearest the event
        date = max(before, key=lambda d: d.stop)
        s.add(events[0], "startDate", date.start, literal=True)
        if date.end:
            s.add(events[0], "endDate", date.end, literal=True)


def _founds_named_after(s: _Sentence, at: int) -> bool:
    """Whether a founding verb ending at ``at`` has its object written after it: a name, or a
    quoted name the text does not know (成立“魏源读书会”, 成立了X合作社)."""
    if s.text.startswith("了", at):
        at += 1
    return s.text[at:at + 1] in ("“", "《", '"') or any(
        s.start_of(m) == at for m in s.mentions)


def _in_relative_clause(s: _Sentence, m: Mention) -> bool:
    """Whether ``m`` is the subject of a clause that qualifies a noun after a copula
    (X是某局通过政府购买服务引入的专业社会组织，2019年6月注册成立: the bureau brought X in,
    what is founded is X): written right after 是, its clause ending in 的 and a noun."""
    begin = s.start_of(m)
    if begin <= s.start or s.text[begin - 1] != "是":
        return False
    _a, b = s.clause_of(m.start)
    return re.search(r"的[\u4e00-\u9fff]{1,8}$", s.text[m.end:b]) is not None


_YEAR_OPENING = re.compile(r"((?:19|20)\d\d)年(?![0-9]|份|[0-9一二三四五六七八九十]+月)[，,]?")


def _founded_in_year(s: _Sentence, mentions: list[Mention]) -> None:
    """YEAR年，(他)牵头成立合作社 -> foundingDate YEAR of the body founded: a year alone opening
    the sentence or a clause, a ``founding`` word within a few Hanzi after it, and right after
    the word a name or a bare body word (bare_bodies.tsv) ending the clause. Source: how the
    genre tells a cooperative's or a company's story (2016年，他牵头成立合作社)."""
    for y in _YEAR_OPENING.finditer(s.text, s.start, s.end):
        if y.start() > s.start and s.text[y.start() - 1] not in "，,；;。":
            continue
        verb = _founding_after_year().match(s.text, y.end(), s.end)
        if verb is None:
            continue
        at = verb.end()
        _a, b = s.clause_of(at)
        body = next((m for m in s.mentions if s.start_of(m) == at and m.end == b
                     and m.cls in DATED_CLASSES), None) \
            or _bare_body(s, mentions, at, b)
        if body is not None:
            s.add(body, "foundingDate", y.group(1), literal=True)


@lru_cache(maxsize=1)
def _founding_after_year() -> re.Pattern[str]:
    """A ``founding`` word within six Hanzi after a year (2016年，他牵头成立)."""
    founding = _alternation(_triggers()["founding"]).pattern
    return re.compile(rf"[\u4e00-\u9fff]{{0,6}}?({founding})")


VENUE_CLASSES = ("Facility", "HistoricSite")  # where an event is held: 在X会展中心举行


def _sited(s: _Sentence) -> list[Fact]:
    """X在PLACE挂牌成立/揭牌/开业 -> X locatedIn PLACE (屯留区驻京招商联络点在北京东城区…挂牌
    成立), dated or not: X is the last body, facility or project of the clause before 在; an
    event too where it is held (EVENT在PLACE举行: the ``sited-event`` words, events only),
    at a named venue when the text names one there (EVENT在X会展中心举行: in the venue); a
    project or facility written right before 在 where its works begin (PROJECT在X开工: the
    ``sited-works`` words).
    Returns the facts, for :func:`_written_place_wins`."""
    trig = _triggers()
    out: list[Fact] = []
    for pos, w in s.find(trig["founding"] + trig["opening"] + trig["sited-opening"]
                         + trig["sited-event"] + trig["sited-works"]):
        a, _b = s.clause_of(pos)
        places = [m for m in s.mentions if a <= m.start and m.end <= pos
                  and s.is_location(m) and m.cls in PLACE_CLASSES]
        if w in trig["sited-event"]:  # EVENT在X会展中心举行: held at the venue, in it
            places = [m for m in s.mentions if a <= m.start and m.end <= pos and s.is_location(m)
                      and m.cls in VENUE_CLASSES] or places
        if not places:
            continue
        subject = next((m for m in reversed(s.mentions) if a <= m.start
                        and m.end <= s.start_of(places[0]) and m.cls in DATED_CLASSES), None)
        if subject is None or w in trig["sited-event"] and subject.cls != "Event":
            continue  # 东城区文旅局在屯留区举办…: the body holds the event, it stands elsewhere
        if w in trig["sited-works"] and (
                subject.cls not in ("Project", "Facility")
                or s.text[subject.end:s.start_of(places[0]) - 1] not in ("",) + trig["works-adverb"]):
            continue  # 某公司在某镇开工建设X: the company stands elsewhere
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


PLACED_THINGS = (AGENT_CLASSES | {"Facility", "Project"}) - PLACE_CLASSES - {"Person"}


def _placement(s: _Sentence, mentions: list[Mention], recent_project: Mention | None = None
               ) -> None:
    """X位于Y, PLACE的X (屯留区岗上村的抗大一分校) and PLACE是(…的)X所在地 give locatedIn; X
    may be a bare body word standing for the last name of the article that ends in it
    (活动室位于… -> “邻里暖心”活动室), or a ``project-back`` word (该项目位于…) standing for
    the paragraph's last project, or the facility built just before (see :func:`_figures`)."""
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
            if not before and recent_project is not None and \
                    head.strip("“”\"，, ") in _triggers()["project-back"]:
                before = [recent_project]
        for m in before:
            s.add(m, "locatedIn", after[0])
    for place, thing in zip(s.mentions, s.mentions[1:]):
        # a project too: 位于金寨县天堂寨镇的天堂寨森林康养基地项目, 走进某街道的某产业园
        if place.cls in PLACE_CLASSES and thing.cls in PLACED_THINGS \
                and s.text[place.end:s.start_of(thing)] == "的":
            s.add(thing, "locatedIn", place)
        # 城头山镇是著名的城头山遗址所在地: the site stands in the place
        if place.cls in PLACE_CLASSES and thing.cls not in PLACE_CLASSES | {"Person"} and \
                s.text.startswith(_triggers()["seat"], thing.end) and \
                re.fullmatch(r"是(?:[\u4e00-\u9fff]{1,8}的)?", s.text[place.end:s.start_of(thing)]):
            s.add(thing, "locatedIn", place)


def _brand(company: Mention) -> str:
    """A company's brand (字号): its name less the places it begins with (its key's last
    segment leaves them out), its legal form and the trade words before it
    (安徽峰岚生物科技有限公司 -> 峰岚); empty when less than two characters are left."""
    parts = split_company_name(company.key.rsplit("/", 1)[-1])
    return parts[0] if parts and len(parts[0]) >= 2 else ""


def _company_brands(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """The article's companies (one mention per key, the last written, as a dict keeps it;
    nested ones left out) with their brands (:func:`_brand`), those with one."""
    companies = {m.key: m for m in mentions if m.cls == "Company" and not m.nested}
    return [(c, brand) for c in companies.values() if (brand := _brand(c))]


def _own_projects(s: _Sentence, brands: list[tuple[Mention, str]], place_starts: set[int],
                  done: set[str], inside: list[Mention]) -> None:
    """A project named with a company's brand (苏州恒锐智能装备有限公司 … 恒锐智能装备制造基地项目,
    峰岚石斛精深加工生产线项目) is that company's own: establishedBy the company of the article
    (``brands``: :func:`_company_brands`) whose brand begins the project's name, when one
    company alone fits. A name that begins where a place does (``place_starts``: 屯留区… of a
    company 屯留…有限公司) is no brand; a name that begins with a company's full name
    (``inside``, the sentence's mentions nested ones included) is that company's."""
    for p in s.mentions:
        if p.cls != "Project" or p.key in done:
            continue
        named = next((c for c in inside if c.cls == "Company" and c.nested and c.start == p.start
                      and c.end < p.end), None)
        if named is not None:  # 黑龙江某种业有限公司方正…项目: the company written in full
            done.add(p.key)
            s.add(p, "establishedBy", named)
            continue
        if p.start in place_starts:
            continue
        owners = [c for c, brand in brands if p.label.startswith(brand)]
        if len(owners) == 1:
            done.add(p.key)
            s.add(p, "establishedBy", owners[0])


ORG_CLASSES = AGENT_CLASSES - PLACE_CLASSES - {"Person", "HistoricSite"}
BARE_CLASSES = ORG_CLASSES | {"Facility", "Project"}


def _bare_body(s: _Sentence, mentions: list[Mention], lo: int, hi: int,
               nearest: bool = False) -> Mention | None:
    """The body ``s.text[lo:hi]`` stands for when it is a bare body word (bare_bodies.tsv:
    公司, 合作社, 中心), perhaps after modifiers (养老服务中心) and a determiner (这个): the one
    body named before in the article whose name ends with those words; None when the text is
    no such phrase, a name is written there, or no body or several fit. A determiner and a
    short word (该校) may stand for any name ending as ``anaphors.tsv`` says (小学, 中学 …);
    with ``nearest`` (a travelling body: 此前，该校已选派教师赴X) several fit and the nearest
    named before is meant, as in rule-based coreference (the source of anaphors.tsv)."""
    words = read_families("bare_bodies.tsv")
    phrase = s.text[lo:hi].lstrip("“”\"")
    det = next((d for d in words["determiner"] if phrase.startswith(d)), "")
    phrase = phrase[len(det):]
    short = det != "" and phrase in words["body-after-determiner"]  # 该校, 该院
    if not (short or phrase.endswith(words["body"])) or len(phrase) > 8 or \
            re.fullmatch(r"[\u4e00-\u9fff]+", phrase) is None or \
            any(lo <= m.start < hi for m in s.mentions):
        return None
    endings = anaphors().get(det + phrase, (phrase,)) if short else (phrase,)
    fit = {m.key: m for m in mentions if m.end <= lo and not m.nested and m.cls in BARE_CLASSES
           and m.label.endswith(endings)}
    if nearest and short and len(fit) > 1:  # 该校: the nearest school named before
        return max(fit.values(), key=lambda m: m.end)
    return next(iter(fit.values())) if len(fit) == 1 else None


@lru_cache(maxsize=1)
def _subsidiary_pattern() -> re.Pattern[str]:
    words = sorted(read_words("subsidiary_words.tsv"), key=len, reverse=True)
    # the word ends the clause: A为B的子公司提供贷款 says what A does for B's subsidiary
    return re.compile("的(?:" + "|".join(map(re.escape, words)) + r")(?:之一)?(?=[，,。；;]|$)")


def _subsidiaries(s: _Sentence) -> None:
    """A是B的全资子公司 / A为B的分馆 -> A subOrganizationOf B: B is introduced by a copula
    (是, 为, 系) and followed by 的 and a word of subsidiary_words.tsv; A is the body the
    copula says it of (its clause's, or the sentence's subject: A成立于2021年，是B的子公司).
    The word ends its clause (A为B的子公司提供贷款: 为 is no copula there)."""
    for b in s.mentions:
        if b.cls not in ORG_CLASSES or not _subsidiary_pattern().match(s.text, b.end, s.end):
            continue
        begin = s.start_of(b)
        if begin <= s.start or s.text[begin - 1] not in "是为系":
            continue
        for a in s.agents_before(begin - 1, ORG_CLASSES | {"Facility"}):
            s.add(a, "subOrganizationOf", b)


def _bylines(article: Article, facts: list[Fact]) -> None:
    """Reporters of the byline: jobTitle as written there (记者, 通讯员, 实习生)."""
    for b in article.bylines:
        line_start = article.text.rfind("\n", 0, b.start) + 1
        line_end = article.text.find("\n", b.end)
        line_end = len(article.text) if line_end < 0 else line_end
        ev = Evidence(article.id, line_start, line_end, article.text[line_start:line_end])
        facts.append(Fact(f"person/{b.name}", "jobTitle", b.title, ev, literal=True))
