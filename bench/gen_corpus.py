"""Generate a synthetic newspaper archive of any size: UTF-8 ``.txt`` pages of about 20 KB, laid
out like ``data/000_*.txt`` (section headers, kickers, headlines, bylines, news leads, body
paragraphs), so ``kg.ingest`` cuts them into articles the same way.

    python bench/gen_corpus.py OUT_DIR --mb 10 [--seed 0]

Each article pairs two county-level divisions drawn from the whole place gazetteer
(``kg.gazetteer``, jionlp's data), each with one of its towns and a village of that town, and
fills the genre's sentence patterns (``bench/corpus_patterns.tsv``) with them, with person names
made of a surname (``kg/resources/surnames.tsv``) and given-name characters, and with proper
names of schools, companies and projects. The names come from large pools (about 3,000 counties,
40,000 towns, 290,000 villages, millions of person names), so the number of distinct entities
keeps growing with the corpus, as in a real archive. The output is deterministic for a seed.
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import gazetteer  # noqa: E402
from kg.resources import read_words  # noqa: E402

PATTERNS = Path(__file__).with_name("corpus_patterns.tsv")
PAGE_BYTES = 20_000  # a page is closed once its UTF-8 text reaches this size
ZONE_WORDS = ("开发", "管理", "经济", "示范", "园区")  # development zones are no county of the genre
HEADLINE_MAX = 30  # kg.ingest.SHORT: a longer line is body text, not a headline


@dataclass(frozen=True)
class Patterns:
    """The rows of ``corpus_patterns.tsv`` by kind, and the name pools."""

    by_kind: dict[str, tuple[str, ...]]
    surnames: tuple[str, ...]

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        return self.by_kind[kind]


def read_patterns(path: Path = PATTERNS) -> Patterns:
    """Read the pattern table (``kind<TAB>pattern<TAB>comment``; ``#`` lines are comments)."""
    by_kind: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t")[:2]
            by_kind.setdefault(kind, []).append(pattern)
    return Patterns({k: tuple(v) for k, v in by_kind.items()}, read_words("surnames.tsv"))


@dataclass(frozen=True)
class Division:
    """A county-level division with its prefecture and the towns (with villages) under it."""

    name: str
    city: str
    towns: tuple[tuple[str, tuple[str, ...]], ...]  # (town, its village names)


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every district and county of the gazetteer (development zones left out) holding a town
    with villages, in gazetteer order."""
    gaz = gazetteer.load()
    villages: dict[int, list[str]] = {}
    for name, towns in gaz._villages.items():  # the gazetteer keeps villages by name only
        for t in towns:
            villages.setdefault(t, []).append(name)
    towns: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
    for i, place in enumerate(gaz.places):
        if place.level == 3 and i in villages and place.parent is not None:
            towns.setdefault(place.parent, []).append((place.name, tuple(villages[i])))
    out = []
    for i, place in enumerate(gaz.places):
        if (place.level == 2 and i in towns and place.parent is not None
                and place.cls in ("District", "County") and len(place.name) <= 5
                and not any(w in place.name for w in ZONE_WORDS)):
            city = gaz.places[place.parent].name
            out.append(Division(place.name, city, tuple(towns[i])))
    return tuple(out)


def _money(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{round(rng.uniform(10, 1500), 2)}万元"
    return f"{rng.choice(('', '', '约'))}{rng.randint(5, 2000)}{rng.choice(('', '', '余'))}万元"


def _person(rng: random.Random, p: Patterns) -> str:
    given = p["given"][0]
    return rng.choice(p.surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))


def _proper(rng: random.Random, p: Patterns) -> str:
    chars = p["proper"][0]
    return rng.choice(chars) + rng.choice(chars)


def cast(rng: random.Random, p: Patterns) -> dict[str, str]:
    """The slot values of one article: two divisions with a town and village each, people,
    proper names, amounts and dates (see the header of ``corpus_patterns.tsv``)."""
    divs = divisions()
    slots: dict[str, str] = {}
    first = None
    for side in "AB":
        div = rng.choice(divs)
        while div is first:
            div = rng.choice(divs)
        first = div
        town, villages = rng.choice(div.towns)
        slots.update({side: div.name, f"{side}_city": div.city, f"{side}_town": town,
                      f"{side}_village": rng.choice(villages)})
    month = rng.randint(1, 12)
    slots.update({
        "P1": _person(rng, p), "P2": _person(rng, p), "N1": _proper(rng, p), "N2": _proper(rng, p),
        "industry": rng.choice(p["industry"]), "project_kind": rng.choice(p["project_kind"]),
        "event_kind": rng.choice(p["event_kind"]), "money": _money(rng), "money2": _money(rng),
        "n": str(rng.randint(2, 30)), "m": str(rng.randint(2, 9)), "year": str(rng.randint(2018, 2025)),
        "month": f"{month}月", "date": f"{month}月{rng.randint(1, 28)}日",
        "date2": f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    })
    return slots


def article(rng: random.Random, p: Patterns, section: str | None) -> str:
    """One article as page text: [section header] [kicker] headline, byline, paragraphs."""
    slots = cast(rng, p)
    headline = rng.choice(p["headline"]).format(**slots)
    while len(headline) > HEADLINE_MAX:
        headline = rng.choice(p["headline"]).format(**slots)
    head = [section] if section else []
    if rng.random() < 0.2:
        head.append(rng.choice(p["kicker"]))
    head.append(headline)
    paragraphs = []
    if rng.random() < 0.6:
        lead = f"本报讯 记者{_person(rng, p)}报道：" + rng.choice(p["lead"]).format(**slots)
    else:
        head.append(f"□本报记者 {_person(rng, p)}")  # a box byline: a line of its own
        lead = rng.choice(p["lead"]).format(**slots)
    body = p["body"]
    for k in range(rng.randint(3, 7)):
        sentences = [s.format(**slots) for s in rng.sample(body, rng.randint(2, 4))]
        paragraphs.append((lead if k == 0 else "") + "".join(sentences))
    return "\n\n".join(head + paragraphs)


def page(rng: random.Random, p: Patterns, page_bytes: int = PAGE_BYTES) -> str:
    """One page of articles, about ``page_bytes`` bytes of UTF-8, its first article under a
    section header."""
    parts = []
    size = 0
    while size < page_bytes:
        section = rng.choice(p["section"]) if not parts or rng.random() < 0.2 else None
        text = article(rng, p, section)
        parts.append(text)
        size += len(text.encode("utf-8")) + 4
    return "\n\n\n\n".join(parts) + "\n"


def generate_corpus(out_dir: Path, total_bytes: int, seed: int = 0) -> list[Path]:
    """Write pages ``<n>_gen<seed>.txt`` (n from 000000) into ``out_dir`` (created if needed)
    until their total UTF-8 size reaches ``total_bytes``; return their paths in order. The same
    seed gives the same files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    p = read_patterns()
    paths = []
    written = 0
    while written < total_bytes:
        text = page(rng, p, min(PAGE_BYTES, max(total_bytes - written, 1)))
        path = out_dir / f"{len(paths):06d}_gen{seed}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--mb", type=float, default=10.0, help="total size in MB (10**6 bytes)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate_corpus(args.out_dir, int(args.mb * 1_000_000), args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} pages, {size / 1e6:.1f} MB, to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
