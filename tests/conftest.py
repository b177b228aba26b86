"""Shared fixtures: the sample page built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The output folder of ``kg build data/`` (graph.ttl, graph.trig, graph.html, report.json)."""
    out = tmp_path_factory.mktemp("sample-out")
    build([DATA], out)
    return out


@pytest.fixture(scope="session")
def sample_graph(sample_build) -> Graph:
    return Graph().parse(sample_build / "graph.ttl", format="turtle")
