"""The development sets of tests/fixtures/dev (invented pages of the genre, annotated by someone
who had not read the extraction code; see its README): each is built and measured with
``kg.evaluate``, and a score below its floor fails. The floors are the scores reached on them,
less a little slack, so a change that loses what was gained on unseen text shows here."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.pipeline import build

DEV = Path(__file__).parent / "fixtures" / "dev"
# set -> (entity F1, relation F1, attribute F1) floors
FLOORS = {
    "set1": (0.98, 0.93, 0.98),
    "set2": (0.97, 0.92, 0.92),
    "set3": (0.95, 0.78, 0.91),
    "set4": (0.93, 0.80, 0.90),
    "set5": (0.96, 0.89, 0.90),
    "set6": (0.97, 0.88, 0.84),
    "set7": (0.92, 0.81, 0.88),
    "set8": (0.95, 0.88, 0.94),
    "set9": (0.92, 0.81, 0.84),
    "set10": (0.96, 0.82, 0.87),
    "set11": (0.96, 0.88, 0.92),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_set_scores_stay_above_their_floors(name, tmp_path):
    folder = DEV / name
    build([folder / "corpus"], tmp_path, html=False, jobs=1, use_cache=False)
    ev = evaluate(tmp_path / "graph.ttl", [folder / "gold"])
    got = (ev.entities.f1, ev.relations.f1, ev.attributes.f1)
    assert all(g >= f for g, f in zip(got, FLOORS[name])), \
        f"{name}: F1 (entities, relations, attributes) {got} below {FLOORS[name]}"
