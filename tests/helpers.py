"""Shared helpers of the extraction tests: run one made-up article through the pipeline and
read its mentions and facts back as plain, comparable values."""
from __future__ import annotations

from kg.model import Article, ArticleResult, Mention
from kg.pipeline import extract_article

_QUOTES = str.maketrans("", "", "“”\"《》")


def extract(text: str, year: int | None = 2024) -> ArticleResult:
    """Mentions and facts of ``text`` read as one article of a page dated ``year``."""
    return extract_article(Article(id="t-1", source="t", text=text, year=year))


def label_of(result: ArticleResult, key: str) -> str:
    """The label of a mention key; a key no mention carries (an ancestor place such as
    ``place/山西省/长治市``) reads as its last segment."""
    for m in result.mentions:
        if m.key == key:
            return m.label
    return key.rsplit("/", 1)[-1]


SYMMETRIC = ("partnerOf", "signedAgreementWith", "spouseOf")


def triples(result: ArticleResult, *predicates: str,
            about: str | None = None) -> set[tuple[str, str, str]]:
    """Facts as (subject label, predicate, object label or literal), keeping only
    ``predicates`` when some are given and only facts with an end labelled ``about`` when
    given. The two ends of a symmetric predicate are written in sorted order."""
    out = set()
    for f in result.facts:
        if predicates and f.predicate not in predicates:
            continue
        subject = label_of(result, f.subject)
        obj = f.obj if f.literal else label_of(result, f.obj)
        if f.predicate in SYMMETRIC:
            subject, obj = sorted((subject, obj))
        if about is not None and about not in (subject, obj):
            continue
        out.add((subject, f.predicate, obj))
    return out


def sym(a: str, predicate: str, b: str) -> tuple[str, str, str]:
    """A symmetric triple in the order :func:`triples` writes it."""
    a, b = sorted((a, b))
    return (a, predicate, b)


def qualified(result: ArticleResult, predicate: str) -> set[tuple[str, str, str]]:
    """Literal facts of one predicate as (subject label, value, qualifier)."""
    return {(label_of(result, f.subject), f.obj, f.qualifier)
            for f in result.facts if f.predicate == predicate}


def _show(rows) -> str:
    return "\n".join("    " + "  ".join(map(str, row)) for row in sorted(rows)) or "    (none)"


def assert_triples(expected: set[tuple[str, str, str]], actual: set[tuple[str, str, str]]) -> None:
    """``expected == actual`` with a readable difference on failure."""
    expected, actual = set(expected), set(actual)
    if expected == actual:
        return
    raise AssertionError(
        "triples differ\n  only expected:\n" + _show(expected - actual)
        + "\n  only found:\n" + _show(actual - expected)
        + "\n  both:\n" + _show(expected & actual))


def named(result: ArticleResult, name: str) -> list[Mention]:
    """Mentions whose surface, quotes removed, is ``name``."""
    return [m for m in result.mentions if m.surface.translate(_QUOTES) == name]


def labels(result: ArticleResult, cls: str) -> set[str]:
    """The labels of the mentions of class ``cls`` (a local name: "Person", "Facility")."""
    return {m.label for m in result.mentions if m.cls == cls}


def identities(result: ArticleResult, name: str) -> set[tuple[str, str, str]]:
    """(class, key, label) of every mention written ``name``."""
    return {(m.cls, m.key, m.label) for m in named(result, name)}


def describe(result: ArticleResult) -> str:
    """Every mention of a result, one per line, for failure messages."""
    return "\n".join(f"    {m.surface}  {m.cls}  {m.key}  {m.label}"
                     + ("  (nested)" if m.nested else "") for m in result.mentions) or "    (none)"
