"""One very long article (a file written as a single line is one article): the lookups that
replaced scans of every earlier mention give what the scans gave, and the work per name stays
bounded as the article grows. No wall times here: ``bench/bench_extract.py --long`` shows the
speed."""
from __future__ import annotations

import random

from kg import entities
from kg.mentions.common import _Span, _SpanIndex
from kg.mentions.people import _occurrences
from kg.model import Mention


def _spans(rng: random.Random, n: int) -> list[_Span]:
    out = []
    for _ in range(n):
        start = rng.randrange(200)
        out.append(_Span(start, start + rng.randrange(1, 15), "place", "Village", "k", "x"))
    return out


def test_span_index_gives_what_a_scan_gives():
    rng = random.Random(7)
    for _ in range(50):
        spans = _spans(rng, rng.randrange(0, 40))
        if rng.random() < 0.5:
            spans.sort(key=lambda s: s.start)
        index = _SpanIndex(spans)
        for _ in range(30):
            lo = rng.randrange(-5, 210)
            hi = lo + rng.randrange(0, 30)
            inside = [s for s in spans if lo <= s.start and s.end <= hi]
            assert [id(s) for s in index.inside(lo, hi)] == [id(s) for s in inside]
            a = rng.randrange(0, 210)
            b = a + rng.randrange(0, 10)
            around = next((s for s in spans if s.start <= a and b <= s.end), None)
            assert index.around(a, b) is around


def test_occurrences_are_those_of_find():
    rng = random.Random(3)
    for _ in range(50):
        text = "".join(rng.choice("王李小明华张") for _ in range(rng.randrange(0, 300)))
        names = {"".join(rng.choice("王李小明华张") for _ in range(rng.randrange(1, 5)))
                 for _ in range(rng.randrange(0, 8))}
        found = _occurrences(text, names)
        for name in names:
            expected = [i for i in range(len(text)) if text.startswith(name, i)]
            assert found.get(name, []) == expected


def _org(n: int, label: str) -> Mention:
    return Mention(n, n + len(label), label, "Company", f"org/{label}", label)


def test_link_article_compares_an_abbreviation_with_few_labels(monkeypatch):
    """Many companies of one article end alike (…集团): an abbreviation is compared only with
    the labels holding all its characters, so the comparisons grow with the names, not with
    their square; and the links are still made."""
    calls = []
    real = entities._is_subsequence
    monkeypatch.setattr(entities, "_is_subsequence", lambda a, b: calls.append(1) or real(a, b))
    given = [chr(0x4E00 + 2 * k) + chr(0x4E01 + 2 * k) for k in range(1500)]  # distinct pairs
    mentions = []
    for k, name in enumerate(given):
        mentions += [_org(20 * k, name + "工业集团"), _org(20 * k + 10, name + "集团")]
    linked = entities.link_article(mentions)
    assert [m.key for m in linked[1::2]] == [f"org/{name}工业集团" for name in given]
    assert len(calls) <= 2 * len(mentions)
