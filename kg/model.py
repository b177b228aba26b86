"""The records that flow between pipeline stages.

ingest -> :class:`Article`; mentions -> :class:`Mention`; entities -> :class:`Entity`;
relations -> :class:`Fact`. Every record is a frozen dataclass so a stage cannot change what an
earlier stage produced. Offsets are character offsets into ``Article.text`` (the normalised
text of one article), half-open ``[start, end)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

HEADLINE_FALLBACK = 30  # characters of an article's text that stand for a missing headline


@dataclass(frozen=True)
class Byline:
    """A reporter named in an article's byline: ``本报记者 张振龙`` -> ``Byline("张振龙", "记者")``."""

    name: str
    title: str  # 记者, 通讯员, 实习生, 摄影 ... as written, without 本报
    start: int  # offset of the name in Article.text
    end: int


@dataclass(frozen=True)
class Article:
    """One article cut from a page, with its normalised text and metadata.

    ``text`` holds the whole article as normalised text (kicker, headline, byline and body, in
    page order); ``headline``/``kicker``/``section`` are copies of lines of it (or of the page
    line just above it, for a section header such as 社会传真). ``page_start`` is the offset of
    ``text`` in the normalised page text, so ``page_text[page_start:page_start+len(text)] ==
    text``. ``year`` is the page's year (from the page itself when it says, else ``None``), used
    to complete dates written without one.
    """

    id: str  # stable and IRI-safe: "<file stem>-<n>" with n counted from 1 in page order
    source: str  # the input file's name
    text: str
    headline: str = ""
    kicker: str = ""
    section: str = ""
    byline: str = ""
    bylines: tuple[Byline, ...] = ()
    year: int | None = None
    page_start: int = 0
    original: str | None = None  # the text before traditional-to-simplified conversion, aligned
    # character by character with ``text`` (None when nothing was converted)

    def display_headline(self) -> str:
        """The headline the article is shown and named by (``schema:headline`` in the graph,
        ``headline`` in report.json): its ``headline``, or for an article without one (a web
        page without a heading, a page opening with body text) the first
        :data:`HEADLINE_FALLBACK` characters of its text."""
        return self.headline or self.text[:HEADLINE_FALLBACK]


@dataclass(frozen=True)
class Mention:
    """A span of an article that names an entity.

    ``key`` identifies the real-world entity across the whole build (two mentions with the same
    key are the same entity); ``label`` is the canonical (fullest) name, ``surface`` the text as
    written. ``cls`` is the ontology class local name (``District``, ``School`` ...).
    ``variants`` are further names the entity is known by (short and long forms derived from the
    name's parts, never seen as such in the text).
    """

    start: int
    end: int
    surface: str
    cls: str
    key: str
    label: str
    variants: tuple[str, ...] = ()
    parent: str | None = None  # key of the place the name itself puts it in (屯留区人民医院 -> 屯留区)
    org: str | None = None  # key of the organisation the name makes it part of (清华大学材料学院)
    code: str | None = None  # administrative division code for gazetteer places
    nested: bool = False  # inside a longer mention (屯留区 in 屯留区人民医院)
    full_name: bool = True  # False when the surface drops its place (区委党校 in a list)
    seen: tuple[str, ...] = ()  # longer forms the text writes around it (北京东城区 for 东城区)


@dataclass(frozen=True)
class Entity:
    """A real-world entity merged from all its mentions in the build."""

    key: str
    cls: str
    label: str
    labels: frozenset[str]  # every surface form seen in the text, label included
    hidden: frozenset[str] = frozenset()  # derived variants not seen in the text
    articles: frozenset[str] = frozenset()  # ids of articles that mention it
    code: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from: ``Article.text[start:end] == text``."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fact:
    """One triple with its evidence.

    ``obj`` is an entity key when ``literal`` is False; otherwise a literal value: ``int`` or
    ``Decimal``-like string for amounts (yuan), an ISO string for dates (``2024-07`` or
    ``2024-09-02``), text for job titles. ``qualifier`` keeps an approximation word of an
    amount (约, 余, 多, 近, 超) so it is not lost; ``amount`` the sum a relation carries
    (a donation's yuan); ``joint_donors`` how many donors give that sum together when one
    donation verb has several (A、B、C为D捐赠350余万元: 3, on each of the three facts; 0 when
    the sum is the donor's own, as with A、B为D各捐赠100万元); ``basis`` says a fact comes from
    the gazetteer, not from its sentence (a place's enclosing division), the sentence then
    being where the place is named.
    """

    subject: str
    predicate: str
    obj: str
    evidence: Evidence
    literal: bool = False
    qualifier: str = ""
    amount: str = ""  # yuan, for a relation the sentence gives a sum for (捐赠350余万元)
    basis: str = ""  # "" when the sentence states it; "gazetteer" when the place data does
    joint_donors: int = 0  # donors giving ``amount`` together (>= 2), or 0: the donor's own


@dataclass
class ArticleResult:
    """Everything extracted from one article: its mentions and its facts."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
