"""bench/gen_corpus.py: its pages ingest into the articles it wrote, the pipeline reads the
facts of its sentence patterns, and its names keep growing with the corpus."""
from __future__ import annotations

import random
import sys
from pathlib import Path

from kg import gazetteer, ingest
from kg.pipeline import extract_all

from .helpers import extract

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import gen_corpus  # noqa: E402


def test_pages_are_deterministic_and_split_into_the_written_articles(tmp_path):
    paths = gen_corpus.generate_corpus(tmp_path / "a", 45_000, seed=3)
    again = gen_corpus.generate_corpus(tmp_path / "b", 45_000, seed=3)
    assert [p.name for p in paths] == ["000000_gen3.txt", "000001_gen3.txt", "000002_gen3.txt"]
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    assert sum(p.stat().st_size for p in paths) >= 45_000
    for path in paths:
        written = path.read_text(encoding="utf-8").count("\n\n\n\n") + 1  # articles are 3 blank lines apart
        articles = ingest.read_file(path)
        assert len(articles) == written
        assert all(a.headline and a.bylines and a.bylines[0].title == "记者" for a in articles)


def test_a_page_yields_entities_of_every_kind_and_facts(tmp_path):
    (path,) = gen_corpus.generate_corpus(tmp_path, 15_000, seed=1)
    results = extract_all(ingest.read_file(path))
    classes = {m.cls for r in results for m in r.mentions}
    predicates = {f.predicate for r in results for f in r.facts}
    assert {"Person", "Village", "School", "Company", "Project"} <= classes
    assert {"partnerOf", "visited", "worksFor", "totalInvestment"} <= predicates


def test_a_template_sentence_gives_its_fact_with_the_drawn_names():
    gaz = gazetteer.load()
    divs = [d for d in gen_corpus.divisions() if len(gaz.lookup(d.name)) == 1]  # unambiguous names
    a, b = divs[0], divs[-1]
    key = {d.name: "place/" + "/".join(gaz.path(gaz.lookup(d.name)[0])) for d in (a, b)}
    patterns = gen_corpus.read_patterns()
    template = next(t for t in patterns["body"] if t.startswith("{A}与{B}签订"))
    result = extract(template.format(A=a.name, B=b.name))
    facts = {(f.predicate, frozenset((f.subject, f.obj))) for f in result.facts
             if f.predicate != "locatedIn"}
    pair = frozenset(key.values())
    assert facts == {("partnerOf", pair), ("signedAgreementWith", pair)}


def test_distinct_names_grow_with_the_corpus():
    patterns = gen_corpus.read_patterns()
    rng = random.Random(0)
    casts = [gen_corpus.cast(rng, patterns) for _ in range(2000)]
    villages = [(c["A"], c["A_town"], c["A_village"]) for c in casts]
    people = [c["P1"] for c in casts]
    assert len(set(villages[:200])) >= 195 and len(set(villages)) >= 1950
    assert len(set(people[:200])) >= 180 and len(set(people)) >= 1500
