"""Figures of a built graph's entity network, with networkx: ``kg stats`` prints them and
``kg build`` writes them into ``report.json`` under ``"stats"``.

Centrality is computed on the undirected simple graph of the relations (a pair of entities
linked by several relations counts once; direction ignored). Betweenness costs one BFS per source
(~0.15 s in networkx on 21,000 nodes and 36,000 edges): it is exact while that stays within
about :data:`BETWEENNESS_WORK` node and edge visits, and above is estimated from ``k`` sampled
sources (networkx ``betweenness_centrality(k=..., seed=...)``: Brandes 2001 with source
sampling, Brandes & Pich 2007), ``k`` = ``BETWEENNESS_WORK // (nodes + edges)`` but at least
:data:`MIN_SAMPLES`: a 20,000-entity graph takes seconds, not hours.
Communities: Louvain (Blondel et al. 2008; ``nx.community.louvain_communities``) with a fixed
seed, so the same graph gives the same communities.
"""
from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph

from .network import EntityNetwork, read_network

BETWEENNESS_WORK = 2_000_000  # node + edge visits
MIN_SAMPLES = 20
SEED = 7
TOP = 10


def simple_graph(net: EntityNetwork) -> nx.Graph:
    """Undirected simple graph of ``net``: a node per entity IRI, an edge per linked pair."""
    return nx.Graph(net.graph())


def betweenness(g: nx.Graph) -> tuple[dict[str, float], int | None]:
    """Normalised betweenness of every node of ``g`` (0..1) and the number of sampled sources
    (``None`` when exact: every node a source)."""
    k = max(MIN_SAMPLES, BETWEENNESS_WORK // (len(g) + g.number_of_edges() or 1))
    k = None if k >= len(g) else k
    return nx.betweenness_centrality(g, k=k, seed=SEED), k


def network_stats(net: EntityNetwork, top: int = TOP) -> dict:
    """The figures of :func:`graph_stats` for an already read network."""
    g = simple_graph(net)
    degree = dict(net.graph().degree())
    between, samples = betweenness(g)

    def ranked(values: dict[str, float], digits: int | None) -> list[dict]:
        best = sorted(values, key=lambda iri: (-values[iri], net.nodes[iri].label, iri))[:top]
        return [{"label": net.nodes[iri].label, "class": net.nodes[iri].classes[0],
                 "iri": iri, "value": values[iri] if digits is None
                 else round(values[iri], digits)} for iri in best if values[iri] > 0]

    def groups(parts: list[set[str]]) -> list[dict]:
        parts = sorted(parts, key=lambda p: (-len(p), min(net.nodes[i].label for i in p)))
        return [{"size": len(p), "members": sorted(net.nodes[i].label for i in p)[:top]}
                for p in parts[:top]]

    components = list(nx.connected_components(g))
    communities = nx.community.louvain_communities(g, seed=SEED) if len(g) else []
    return {
        "entities": len(net.nodes),
        "relations": len(net.edges),
        "entities_per_class": dict(sorted(Counter(n.classes[0] for n in net.nodes.values())
                                          .items())),
        "entities_per_coarse_class": dict(sorted(Counter(n.coarse for n in net.nodes.values())
                                                 .items())),
        "relations_per_predicate": dict(sorted(Counter(f.predicate for f in net.edges).items())),
        "top_degree": ranked(degree, None),
        "top_betweenness": ranked(between, 4),
        "betweenness_samples": samples,
        "components": {"count": len(components),
                       "isolated": sum(1 for c in components if len(c) == 1),
                       "largest": groups(components)[:3]},
        "communities": {"count": len(communities), "seed": SEED,
                        "modularity": round(nx.community.modularity(g, communities), 4)
                        if g.number_of_edges() else 0.0,
                        "largest": groups(communities)},
    }


def graph_stats(graph: Graph, top: int = TOP) -> dict:
    """Network figures of a built RDF graph, as a JSON-ready dict:

    ``entities``, ``relations`` (edges between entities, a symmetric relation once),
    ``entities_per_class`` (first fine class), ``entities_per_coarse_class``,
    ``relations_per_predicate``, ``top_degree`` / ``top_betweenness`` (up to ``top`` entities
    ``{"label", "class", "iri", "value"}``, degree counting each relation, betweenness
    normalised 0..1, rounded to 4 places), ``betweenness_samples`` (``None`` = exact),
    ``components`` (``count``, ``isolated``, the 3 ``largest`` as ``{"size", "members"}``),
    ``communities`` (Louvain: ``count``, ``seed``, ``modularity``, the ``top`` largest).
    Members are labels, sorted, at most ``top`` per group. Raises nothing for an empty graph.
    """
    return network_stats(read_network(graph), top)


def format_stats(stats: dict) -> str:
    """:func:`graph_stats` as the lines ``kg stats`` prints."""
    lines = [f"entities {stats['entities']}, relations {stats['relations']}, "
             f"components {stats['components']['count']} "
             f"({stats['components']['isolated']} isolated), "
             f"communities {stats['communities']['count']} "
             f"(Louvain, modularity {stats['communities']['modularity']})", "", "per class:"]
    lines += [f"  {k:<20} {v:>6}" for k, v in stats["entities_per_class"].items()]
    lines += ["", "per predicate:"]
    lines += [f"  {k:<20} {v:>6}" for k, v in stats["relations_per_predicate"].items()]
    exact = stats["betweenness_samples"]
    for key, title in (("top_degree", "most connected (degree):"),
                       ("top_betweenness", "most central (betweenness"
                        + (f", sampled from {exact} sources):" if exact else "):"))):
        lines += ["", title] + [f"  {e['value']:>8}  {e['label']} ({e['class']})"
                                for e in stats[key]]
    lines += ["", "largest communities:"]
    lines += [f"  {c['size']:>6}  " + "、".join(c["members"])
              + (f" … (+{c['size'] - len(c['members'])} more)" if c["size"] > len(c["members"])
                 else "")
              for c in stats["communities"]["largest"]]
    return "\n".join(lines) + "\n"
