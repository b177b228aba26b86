"""Network figures (kg stats, report.json "stats"): exact values on a small graph, bounded
betweenness, the same figures from a build and from its graph file."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg import stats
from kg.cli import main
from kg.stats import betweenness, format_stats, graph_stats

from .test_viz import small_graph


@pytest.fixture(scope="module")
def figures():
    return graph_stats(small_graph()[0])


def test_counts_components_and_communities(figures):
    assert {k: figures[k] for k in ("entities", "relations", "entities_per_class",
                                    "entities_per_coarse_class", "relations_per_predicate",
                                    "betweenness_samples")} == {
        "entities": 4, "relations": 2, "entities_per_class": {"District": 2, "Hospital": 2},
        "entities_per_coarse_class": {"Organization": 2, "Place": 2},
        "relations_per_predicate": {"partnerOf": 1, "trainedAt": 1},
        "betweenness_samples": None}
    assert figures["components"] == {"count": 2, "isolated": 0, "largest": [
        {"size": 2, "members": ["北京市东城区", "屯留区"]},
        {"size": 2, "members": ["北京市隆福医院", "屯留区人民医院"]}]}
    assert figures["communities"] == {"count": 2, "seed": 7, "modularity": 0.5,
                                      "largest": figures["components"]["largest"]}


def test_central_entities(figures):
    assert [(e["label"], e["class"], e["value"]) for e in figures["top_degree"]] == [
        ("北京市东城区", "District", 1), ("北京市隆福医院", "Hospital", 1),
        ("屯留区", "District", 1), ("屯留区人民医院", "Hospital", 1)]
    assert figures["top_betweenness"] == []  # nobody lies between two others


def test_betweenness_is_exact_small_and_sampled_big(monkeypatch):
    values, samples = betweenness(nx.path_graph(5))
    assert samples is None and round(values[2], 4) == 0.6667 and values[0] == 0
    monkeypatch.setattr(stats, "BETWEENNESS_WORK", 10_000)
    assert betweenness(nx.path_graph(50))[1] is None  # 50 sources cost 4,950 visits
    values, samples = betweenness(nx.path_graph(100))
    assert samples == 50  # 10,000 // (100 nodes + 99 edges)
    assert max(values, key=values.get) in range(40, 60)  # the middle, estimated
    monkeypatch.setattr(stats, "BETWEENNESS_WORK", 10)
    assert betweenness(nx.path_graph(100))[1] == stats.MIN_SAMPLES


def test_report_has_the_figures_of_the_graph_file(sample_build, sample_graph):
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert report["stats"] == graph_stats(sample_graph)
    assert report["stats"]["entities"] == report["html"]["entities"]
    assert report["stats"]["top_degree"][0]["label"] == "屯留区"
    assert "stats" in report["seconds"]
    # the most specific class: 4 historic sites (also typed kg:Facility) are not Facilities
    assert report["stats"]["entities_per_class"]["HistoricSite"] == \
        report["entities_per_class"]["HistoricSite"] == 4
    assert report["stats"]["entities_per_class"]["Facility"] == \
        report["entities_per_class"]["Facility"]


def test_kg_stats(tmp_path, figures):
    path = tmp_path / "small.ttl"
    small_graph()[0].serialize(path, format="turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == format_stats(figures)
    assert result.output.splitlines()[0] == (
        "entities 4, relations 2, components 2 (0 isolated), communities 2 "
        "(Louvain, modularity 0.5)")
    as_json = CliRunner().invoke(main, ["stats", str(path), "--json"])
    assert json.loads(as_json.output) == figures
    missing = CliRunner().invoke(main, ["stats", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2 and missing.stderr.startswith("kg: error: ")


def test_a_graph_without_entities():
    empty = graph_stats(Graph())
    assert (empty["entities"], empty["relations"], empty["top_degree"], empty["components"],
            empty["communities"]) == (0, 0, [], {"count": 0, "isolated": 0, "largest": []},
                                      {"count": 0, "seed": 7, "modularity": 0.0, "largest": []})


def test_a_community_listed_in_part_says_how_many_more(figures):
    shown = dict(figures, communities=dict(figures["communities"], largest=[
        {"size": 28, "members": ["甲", "乙"]}, {"size": 2, "members": ["丙", "丁"]}]))
    tail = format_stats(shown).splitlines()[-2:]
    assert tail == ["      28  甲、乙 … (+26 more)", "       2  丙、丁"]
