"""The entity network of a built graph: read once, shared by the page (:mod:`kg.viz`) and the
figures (:mod:`kg.stats`), and cut down to a readable subgraph for big graphs.

:func:`read_network` turns an RDF graph (as ``kg build`` writes it: entities typed with a class
of :data:`kg.namespaces.ENTITY_CLASSES`, relation and attribute triples, each fact also an
``rdf:Statement`` that ``prov:wasDerivedFrom`` its evidence sentences) into plain values:
:class:`Node` per entity, :class:`Fact` per relation or attribute with its evidence, a symmetric
relation (partnerOf ...) stated both ways being one fact. It scans one predicate at a time, so
it is as fast on an Oxigraph-backed graph (:func:`kg.store.open_graph`) as on rdflib's store.

:func:`select` keeps what ``kg viz --focus/--hops/--classes/--predicates/--max-nodes`` asks for
and says what it left out.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from rdflib import PROV, RDF, RDFS, SKOS, Graph, URIRef

from .errors import InputError
from .params import near_names
from .namespaces import (ATTRIBUTES, ENTITY_CLASSES, KG, NIF, RELATIONS, SCHEMA,
                         SYMMETRIC_RELATIONS, coarse_class)


def most_specific(classes: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The fine classes among an entity's ``rdf:type`` local names, sorted: a class that is the
    coarse class of another one it has is dropped (``{HistoricSite, Facility}`` ->
    ``(HistoricSite,)``, ``{District, Place}`` -> ``(District,)``); a lone class is kept."""
    broader = {coarse_class(c) for c in classes if coarse_class(c) != c}
    return tuple(sorted(set(classes) - broader)) or tuple(sorted(classes))


@dataclass(frozen=True)
class Node:
    """One entity. ``iri`` its IRI; ``label`` its ``rdfs:label`` (the smallest if several);
    ``names`` the label then every ``skos:altLabel``; ``hidden`` its ``skos:hiddenLabel``s;
    ``classes`` its fine classes (local names, sorted); ``coarse`` the coarse class of the
    first; ``articles`` the IRIs of the articles it is ``kg:mentionedIn``."""

    iri: str
    label: str
    names: tuple[str, ...]
    hidden: tuple[str, ...]
    classes: tuple[str, ...]
    coarse: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    """A relation (``obj`` an IRI, ``literal`` False) or attribute (``obj`` the literal's
    text) of ``subject``; ``predicate`` a local name of :data:`~kg.namespaces.RELATIONS` or
    :data:`~kg.namespaces.ATTRIBUTES`; ``evidence`` sorted ``(sentence, article IRI)`` pairs."""

    subject: str
    predicate: str
    obj: str
    literal: bool
    evidence: tuple[tuple[str, str], ...]

    @property
    def symmetric(self) -> bool:
        return self.predicate in SYMMETRIC_RELATIONS


@dataclass
class EntityNetwork:
    """``nodes`` IRI -> :class:`Node`, in (label, IRI) order; ``edges`` the relations between
    two nodes, each once; ``facts`` IRI -> every fact the entity is subject or object of (to
    entities off the network too, and attributes); ``headlines`` article IRI -> headline."""

    nodes: dict[str, Node]
    edges: list[Fact]
    facts: dict[str, list[Fact]]
    headlines: dict[str, str]
    notes: list[str] = field(default_factory=list)  # what a selection left out, one per line

    def graph(self) -> nx.MultiGraph:
        """Undirected networkx multigraph: a node per entity IRI, an edge per relation
        (key = predicate local name)."""
        g = nx.MultiGraph()
        g.add_nodes_from(self.nodes)
        g.add_edges_from((f.subject, f.obj, f.predicate) for f in self.edges)
        return g


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_network(graph: Graph) -> EntityNetwork:
    """The :class:`EntityNetwork` of an RDF graph built by ``kg build`` (or ``bench/gen_graph.py``).

    An entity is a subject typed with an entity class; an edge a relation triple whose two ends
    are entities. A graph with no entities gives an empty network (no error).
    """
    def pairs(pred):
        return graph.subject_objects(pred)

    types: dict[URIRef, set[str]] = defaultdict(set)
    for cls in ENTITY_CLASSES:
        for s in graph.subjects(RDF.type, KG[cls]):
            types[s].add(cls)
    labels: dict[URIRef, list[str]] = defaultdict(list)
    for pred in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel, KG.mentionedIn):
        for s, o in pairs(pred):
            if s in types:
                labels[s, pred].append(str(o))

    # evidence: statement -> (s, p, o); statement -> sentences; sentence node -> article
    anchor = {ev: str(text) for ev, text in pairs(NIF.anchorOf)}
    context = {ev: str(art) for ev, art in pairs(NIF.referenceContext)}
    headlines = {str(a): str(h) for a, h in pairs(SCHEMA.headline)}
    part = {key: dict(pairs(key)) for key in (RDF.subject, RDF.predicate, RDF.object)}
    evidence: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for st, ev in pairs(PROV.wasDerivedFrom):
        spo = tuple(part[key].get(st) for key in (RDF.subject, RDF.predicate, RDF.object))
        if None not in spo and ev in anchor:
            evidence[spo].add((anchor[ev], context.get(ev, "")))

    nodes = {}
    for s in sorted(types, key=lambda s: (min(labels[s, RDFS.label], default=_local(s)), str(s))):
        fine = most_specific(types[s])
        label = min(labels[s, RDFS.label], default=_local(s))
        alts = sorted(set(labels[s, SKOS.altLabel]) - {label})
        nodes[str(s)] = Node(str(s), label, (label, *alts), tuple(sorted(set(
            labels[s, SKOS.hiddenLabel]))), fine, coarse_class(fine[0]),
            tuple(sorted(set(labels[s, KG.mentionedIn]))))

    facts: dict[str, list[Fact]] = defaultdict(list)
    edges: dict[tuple, Fact] = {}
    for name in RELATIONS + ATTRIBUTES:
        pred = KG[name]
        for s, o in sorted(pairs(pred)):
            if str(s) not in nodes:
                continue
            ev = evidence[s, pred, o]
            literal = name in ATTRIBUTES
            if name in SYMMETRIC_RELATIONS:
                ev = ev | evidence[o, pred, s]
                if str(o) in nodes and (name, str(o), str(s)) in edges:
                    continue  # already stated the other way
            fact = Fact(str(s), name, str(o), literal, tuple(sorted(ev)))
            facts[fact.subject].append(fact)
            if not literal and fact.obj in nodes:
                facts[fact.obj].append(fact)
                edges[name, fact.subject, fact.obj] = fact
    order = {iri: i for i, iri in enumerate(nodes)}
    edge_list = sorted(edges.values(), key=lambda f: (RELATIONS.index(f.predicate),
                                                      order[f.subject], order[f.obj]))
    return EntityNetwork(nodes, edge_list, dict(facts), headlines)


@dataclass(frozen=True)
class Selection:
    """What ``kg viz`` shows: entities named by ``focus`` (any of their labels) and those
    within ``hops`` relations of them; only ``classes`` (fine or coarse local names); only
    edges of ``predicates`` (local names, or their ``@zh``/``@en`` labels via ``labels`` in
    :func:`select`), and then only entities on such an edge; at most ``max_nodes`` entities
    (the nearest to the focus, else the most connected). Empty tuples and ``None`` mean all."""

    focus: tuple[str, ...] = ()
    hops: int = 2
    classes: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    max_nodes: int | None = None

    def describe(self) -> str:
        """The selection as ``kg viz`` options, e.g. ``--focus 屯留区 --hops 2``."""
        out = [f"--focus {f}" for f in self.focus]
        if self.focus:
            out.append(f"--hops {self.hops}")
        if self.classes:
            out.append("--classes " + ",".join(self.classes))
        if self.predicates:
            out.append("--predicates " + ",".join(self.predicates))
        if self.max_nodes is not None:
            out.append(f"--max-nodes {self.max_nodes}")
        return " ".join(out)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


def find_entities(net: EntityNetwork, name: str) -> list[str]:
    """IRIs of the entities with ``name`` as a label, alt or hidden label (NFKC, case and
    spaces ignored; traditional characters as simplified), or as their IRI. Raises ``InputError`` naming up to 8 near matches (labels
    containing ``name``, else the closest by ``difflib``) when there is none."""
    from .ingest import to_simplified

    wants = {_norm(name), _norm(to_simplified(name))}  # 東城 is 东城: the labels are simplified
    found = [n.iri for n in net.nodes.values()
             if n.iri == name or any(_norm(x) in wants for x in n.names + n.hidden)]
    if found:
        return found
    near = near_names(name, (x for n in net.nodes.values() for x in n.names))
    hint = f"; near matches: {', '.join(near)}" if near else ""
    raise InputError(f"--focus {name}: no entity has this name{hint}")


def _allowed(wanted: tuple[str, ...], known: dict[str, str], option: str) -> set[str]:
    """Local names for the names in ``wanted`` (``known``: accepted name -> local name; case
    is ignored). Raises ``InputError`` naming the accepted local names for an unknown one."""
    folded = {name.casefold(): local for name, local in known.items()}
    out = set()
    for item in wanted:
        local = known.get(item) or folded.get(item.casefold())
        if local is None:
            raise InputError(f"{option} {item}: unknown; use one of "
                             f"{', '.join(sorted(set(known.values())))}")
        out.add(local)
    return out


def select(net: EntityNetwork, sel: Selection,
           labels: dict[str, dict[str, str]] | None = None) -> EntityNetwork:
    """The part of ``net`` that ``sel`` keeps, with ``notes`` saying what was left out
    (nothing when ``sel`` keeps everything). ``labels`` (:func:`kg.viz.load_labels`) lets
    ``--predicates`` name a relation by its Chinese or English label.

    Raises ``InputError`` for a focus that names no entity, an unknown class or predicate,
    ``hops`` < 0 or ``max_nodes`` < 1, and when the selection leaves nothing to draw of a
    network that has entities, naming the option that did (``--classes`` matches no entity
    or leaves out every focus entity, ``--predicates`` names no relation between the
    entities kept). A network without entities gives an empty one.
    """
    if sel.hops < 0:
        raise InputError("--hops must be 0 or more")
    if sel.max_nodes is not None and sel.max_nodes < 1:
        raise InputError("--max-nodes must be 1 or more")
    known_cls = {c: c for c in ENTITY_CLASSES} | {coarse_class(c): coarse_class(c)
                                                  for c in ENTITY_CLASSES}
    for name in list(known_cls):
        known_cls.update({text: name for text in (labels or {}).get(name, {}).values()})
    classes = _allowed(sel.classes, known_cls, "--classes")
    known_pred = {name: name for name in RELATIONS}
    for name in RELATIONS:
        known_pred.update({text: name for text in (labels or {}).get(name, {}).values()})
    predicates = _allowed(sel.predicates, known_pred, "--predicates")
    focus, warnings = [], []
    for name in sel.focus:
        found = find_entities(net, name)
        if len(found) > 1:
            warnings.append(f"--focus {name}: {len(found)} 个实体同名，都显示 "
                            f"({len(found)} entities have this name; all are shown)")
        focus += found

    keep = [iri for iri, n in net.nodes.items()
            if not classes or classes & {*n.classes, n.coarse}]
    keep_set = set(keep)
    if net.nodes and not keep:
        raise InputError(f"nothing to draw: --classes {','.join(sel.classes)}: the graph has no "
                         "entity of these classes")
    lost = sorted(set(focus) - keep_set, key=lambda iri: (net.nodes[iri].label, iri))
    if focus and len(lost) == len(set(focus)):  # --predicates keeps the focus: --classes did it
        raise InputError(f"nothing to draw: --classes {','.join(sel.classes)} leaves out the "
                         f"--focus entit{'y' if len(lost) == 1 else 'ies'} " + ", ".join(
                             f"{net.nodes[iri].label} ({'/'.join(net.nodes[iri].classes)})"
                             for iri in lost))
    edges = [f for f in net.edges if f.subject in keep_set and f.obj in keep_set
             and (not predicates or f.predicate in predicates)]
    g = nx.MultiGraph()
    g.add_nodes_from(keep)
    g.add_edges_from((f.subject, f.obj) for f in edges)
    if predicates:  # an entity on none of the chosen relations says nothing about them
        g.remove_nodes_from([iri for iri in keep if g.degree(iri) == 0 and iri not in focus])
        if not len(g):
            between = (f"two entities of --classes {','.join(sel.classes)}" if classes
                       else "two entities in the graph")
            raise InputError(f"nothing to draw: --predicates {','.join(sel.predicates)}: no "
                             f"such relation between {between}")
    if focus:
        dist: dict[str, int] = {}
        for iri in focus:
            if iri in g:
                for other, d in nx.single_source_shortest_path_length(g, iri, sel.hops).items():
                    dist[other] = min(d, dist.get(other, d))
        rank = sorted(dist, key=lambda iri: (dist[iri], -g.degree(iri), iri))
    else:
        rank = sorted(g, key=lambda iri: (-g.degree(iri), net.nodes[iri].label, iri))
    if sel.max_nodes is not None:
        rank = rank[:sel.max_nodes]
    shown = set(rank)
    nodes = {iri: n for iri, n in net.nodes.items() if iri in shown}
    sub = EntityNetwork(nodes, [f for f in edges if f.subject in shown and f.obj in shown],
                        net.facts, net.headlines)
    sub.notes.extend(warnings)
    for iri in lost:  # some focus entities are shown, not these
        sub.notes.append(f"--focus 的实体 {net.nodes[iri].label} 被 --classes 排除 (the focus "
                         f"entity {net.nodes[iri].label} is left out by --classes)")
    left = len(net.nodes) - len(nodes)
    if left or len(sub.edges) < len(net.edges):
        by_class = Counter(n.coarse for iri, n in net.nodes.items() if iri not in shown)
        sub.notes.append(f"未显示 {left} 个实体、{len(net.edges) - len(sub.edges)} 条关系 "
                         f"(left out: {left} entities, {len(net.edges) - len(sub.edges)} "
                         f"relations), 按 {sel.describe()}")
        if by_class:
            sub.notes.append("未显示的实体 (left out by class): " + ", ".join(
                f"{cls} {n}" for cls, n in sorted(by_class.items(), key=lambda kv: -kv[1])))
    return sub
