"""Stage 5: entities and facts become RDF.

The graph model (what the shipped queries, the viewer and the shapes rely on):

* an entity is ``id:<key>`` typed with its fine class and its coarse class (``kg:District`` and
  ``kg:Place``), with one ``rdfs:label`` (its fullest name), ``skos:altLabel`` for every other
  form the text uses, ``skos:hiddenLabel`` for derived forms the text does not use,
  ``kg:divisionCode`` for gazetteer places and ``kg:mentionedIn`` for each article;
* a relation is a direct triple ``?s kg:partnerOf ?o``; an attribute is ``?s kg:totalInvestment
  5031400`` (``xsd:decimal``, yuan), ``kg:startDate "2024-07"^^xsd:gYearMonth`` or
  ``xsd:date``, ``kg:jobTitle "校长"``;
* every relation and attribute also has a statement node ``id:fact/<hash>`` (``rdf:Statement``
  with ``rdf:subject``/``rdf:predicate``/``rdf:object``, ``kg:qualifier`` for approximate
  amounts, ``kg:amount`` for a donation's sum, ``dcterms:source`` naming the gazetteer when
  the place data, not the sentence, gives the fact) that ``prov:wasDerivedFrom`` one
  ``kg:Evidence`` node per sentence stating it (or naming the place); the
  evidence node has ``nif:anchorOf`` (the sentence), ``nif:beginIndex``/``nif:endIndex``
  (character offsets into the article text) and ``nif:referenceContext`` (the article);
* an article is ``id:article/<id>`` (``kg:Article``) with ``schema:headline``, ``kg:kicker``,
  ``kg:section``, ``kg:byline``, ``kg:sourceFile``, ``kg:pageYear`` and ``nif:isString`` (its
  normalised text).

In the TriG output each article's triples (its metadata, the types and labels of what it
mentions, its facts and their provenance) form one named graph, ``id:article/<id>``; the Turtle
output is the union.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef

from .model import Article, Entity, Fact
from .namespaces import (AMOUNT_ATTRIBUTES, DATE_ATTRIBUTES, ID, KG, NIF, PREFIXES, SCHEMA,
                         bind_prefixes, coarse_class)

GAZETTEER_SOURCE = ("gazetteer: jionlp china_location (administrative divisions); the sentence "
                    "is where the place is named")

# Characters kept as they are in an IRI path; everything else is percent-encoded as UTF-8.
_UNSAFE = re.compile(r"[^0-9A-Za-z\-._~/\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def iri_segment(text: str) -> str:
    """``text`` made safe for an IRI path: CJK ideographs, ASCII letters, digits and ``-._~/``
    stay; every other character (spaces, full-width spaces, quotes, brackets, ``%``) is
    percent-encoded, so the IRI survives Turtle, N-Triples and JSON-LD unchanged."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text)


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key (``place/山西省/长治市/屯留区`` -> ``id:place/山西省/长治市/屯留区``)."""
    return URIRef(ID + iri_segment(key))


def article_iri(article_id: str) -> URIRef:
    return URIRef(ID + "article/" + iri_segment(article_id))


def fact_iri(subject: str, predicate: str, obj: str, qualifier: str = "") -> URIRef:
    """The statement node of a fact: one per triple, and one per approximation word (约600万元
    and 600万元 are two statements of the same triple)."""
    text = f"{subject}\t{predicate}\t{obj}" + (f"\t{qualifier}" if qualifier else "")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return URIRef(ID + "fact/" + digest)


def literal_for(predicate: str, value: str) -> Literal:
    """The typed literal of an attribute value: amounts are ``xsd:decimal`` (yuan); dates are
    ``xsd:date`` (``2024-09-02``), ``xsd:gYearMonth`` (``2024-07``) or ``xsd:gYear``."""
    if predicate in AMOUNT_ATTRIBUTES:
        return Literal(value, datatype=XSD.decimal)
    if predicate in DATE_ATTRIBUTES:
        kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
        return Literal(value, datatype=kind) if kind else Literal(value)
    return Literal(value, lang="zh")


def build_dataset(articles: Iterable[Article], entities: Iterable[Entity],
                  facts: Iterable[Fact]) -> Dataset:
    """One named graph per article (IRI ``id:article/<id>``) holding what that article states.

    Facts whose subject or object key has no entity are skipped. Output is deterministic: the
    same inputs give the same triples.
    """
    ds = Dataset()
    bind_prefixes(ds)
    by_key = {e.key: e for e in entities}
    graphs: dict[str, Graph] = {}

    def graph_of(article_id: str) -> Graph:
        if article_id not in graphs:
            graphs[article_id] = ds.graph(article_iri(article_id))
        return graphs[article_id]

    for art in articles:
        g, a = graph_of(art.id), article_iri(art.id)
        g.add((a, RDF.type, KG.Article))
        g.add((a, SCHEMA.headline, Literal(art.headline or art.text[:30], lang="zh")))
        for prop, value in ((KG.kicker, art.kicker), (KG.section, art.section),
                            (KG.byline, art.byline)):
            if value:
                g.add((a, prop, Literal(value, lang="zh")))
        g.add((a, KG.sourceFile, Literal(art.source)))
        if art.year:
            g.add((a, KG.pageYear, Literal(str(art.year), datatype=XSD.gYear)))
        g.add((a, NIF.isString, Literal(art.text)))

    for ent in by_key.values():
        node = entity_iri(ent.key)
        for article_id in sorted(ent.articles) or ["_"]:
            g = graph_of(article_id) if article_id != "_" else ds.default_graph
            g.add((node, RDF.type, KG[ent.cls]))
            coarse = coarse_class(ent.cls)
            if coarse != ent.cls:
                g.add((node, RDF.type, KG[coarse]))
            g.add((node, RDFS.label, Literal(ent.label, lang="zh")))
            for label in sorted(ent.labels - {ent.label}):
                g.add((node, SKOS.altLabel, Literal(label, lang="zh")))
            for label in sorted(ent.hidden - ent.labels):
                g.add((node, SKOS.hiddenLabel, Literal(label, lang="zh")))
            if ent.code:
                g.add((node, KG.divisionCode, Literal(ent.code)))
            if article_id != "_":
                g.add((node, KG.mentionedIn, article_iri(article_id)))

    for fact in facts:
        if fact.subject not in by_key or (not fact.literal and fact.obj not in by_key):
            continue
        g = graph_of(fact.evidence.article)
        s = entity_iri(fact.subject)
        p = KG[fact.predicate]
        o = literal_for(fact.predicate, fact.obj) if fact.literal else entity_iri(fact.obj)
        g.add((s, p, o))
        st = fact_iri(fact.subject, fact.predicate, fact.obj,
                      fact.qualifier + (f"/{fact.amount}" if fact.amount else ""))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        if fact.qualifier:
            g.add((st, KG.qualifier, Literal(fact.qualifier, lang="zh")))
        if fact.amount:
            g.add((st, KG.amount, Literal(fact.amount, datatype=XSD.decimal)))
        if fact.basis == "gazetteer":
            g.add((st, DCTERMS.source, Literal(GAZETTEER_SOURCE)))
        ev = fact.evidence
        ev_node = URIRef(f"{article_iri(ev.article)}/char={ev.start},{ev.end}")
        g.add((st, PROV.wasDerivedFrom, ev_node))
        g.add((ev_node, RDF.type, KG.Evidence))
        g.add((ev_node, NIF.anchorOf, Literal(ev.text)))
        g.add((ev_node, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((ev_node, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
        g.add((ev_node, NIF.referenceContext, article_iri(ev.article)))
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of all graphs of ``ds`` in one graph (what ``graph.ttl`` holds)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ctx in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def counts(graph: Graph) -> dict[str, dict[str, int]]:
    """Entities per fine class and triples per project predicate, for the build report."""
    per_class: dict[str, int] = defaultdict(int)
    per_pred: dict[str, int] = defaultdict(int)
    kg_ns = str(KG)
    for _s, _p, o in graph.triples((None, RDF.type, None)):
        name = str(o)
        if name.startswith(kg_ns):
            per_class[name[len(kg_ns):]] += 1
    for _s, p, _o in graph:
        name = str(p)
        if name.startswith(kg_ns):
            per_pred[name[len(kg_ns):]] += 1
    return {"classes": dict(sorted(per_class.items())),
            "predicates": dict(sorted(per_pred.items()))}


def serialize_trig(ds: Dataset) -> str:
    """TriG of ``ds`` with its named graphs in IRI order (rdflib's own serializer follows the
    store's order, which changes from run to run), so the same build gives the same bytes."""
    head = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(ds.namespaces())
            if prefix in PREFIXES]
    blocks = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if not len(g):
            continue
        text = g.serialize(format="turtle")
        body = "\n".join(line for line in text.split("\n")
                         if not line.startswith(("@prefix", "PREFIX"))).strip("\n")
        name = "" if g.identifier == ds.default_graph.identifier else f"<{g.identifier}> "
        blocks.append(name + "{\n" + body + "\n}")  # lines kept as they are: literals span lines
    return "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"
