"""IRIs are stable and survive every RDF syntax; the graph holds what the model says."""
from __future__ import annotations

import dataclasses
import io
import json

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal

from kg.graph import GraphWriter, build_dataset, entity_iri, iri_segment, union_graph
from kg.model import Article, Entity, Evidence, Fact
from kg.namespaces import KG

AWKWARD = [
    "org/北京 东城区/精忠小学",          # space
    "org/北京\u3000东城区/精忠小学",     # full-width space
    "project/“双师课堂”",               # curly quotes
    'project/"quoted" <angle> {brace}',  # ASCII quotes, angle brackets, braces
    "org/屯留区委党校（区行政学院）",     # full-width brackets
    "person/100%\\back`tick|pipe^",      # percent, backslash and other IRI-unsafe ASCII
]


@pytest.mark.parametrize("key", AWKWARD)
@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xml"])
def test_iris_survive_round_trips(key, fmt):
    g = Graph()
    iri = entity_iri(key)
    g.add((iri, RDF.type, KG.School))
    g.add((iri, RDFS.label, Literal(key, lang="zh")))
    back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
    assert set(back) == set(g)


def test_iri_keeps_chinese_readable_and_encodes_the_rest():
    assert iri_segment("place/山西省/长治市/屯留区") == "place/山西省/长治市/屯留区"
    assert iri_segment("a b\u3000c“d”") == "a%20b%E3%80%80c%E2%80%9Cd%E2%80%9D"
    assert entity_iri("person/张振龙") == entity_iri("person/张振龙")


def test_dataset_puts_each_article_in_its_own_graph():
    art = Article(id="p-1", source="p.txt", text="屯留区与东城区合作。", headline="合作")
    ev = Evidence("p-1", 0, 10, "屯留区与东城区合作。")
    ents = [Entity("place/屯留区", "District", "屯留区", frozenset({"屯留区"}), frozenset({"屯留"}),
                   frozenset({"p-1"})),
            Entity("place/东城区", "District", "东城区", frozenset({"东城区"}), frozenset(),
                   frozenset({"p-1"}))]
    facts = [Fact("place/屯留区", "partnerOf", "place/东城区", ev),
             Fact("place/屯留区", "visited", "place/nowhere", ev)]  # unknown object: dropped
    ds = build_dataset([art], ents, facts)
    named = [g for g in ds.graphs() if len(g)]
    assert [str(g.identifier) for g in named] == ["https://w3id.org/kg-news/id/article/p-1"]
    g = union_graph(ds)
    assert (entity_iri("place/屯留区"), KG.partnerOf, entity_iri("place/东城区")) in g
    assert not list(g.triples((None, KG.visited, None)))
    assert (entity_iri("place/屯留区"), RDF.type, KG.Place) in g
    round_trip = Dataset()
    round_trip.parse(data=ds.serialize(format="trig"), format="trig")
    assert len(union_graph(round_trip)) == len(g)


def test_a_joint_sum_is_one_statement_per_donor_marked_with_the_number_of_donors():
    text = "甲基金会、乙基金会为屯留区捐赠100万元。"
    art = Article(id="p-1", source="p.txt", text=text, headline="捐赠")
    ev = Evidence("p-1", 0, len(text), text)
    ents = [Entity(k, c, k, frozenset({k}), articles=frozenset({"p-1"})) for k, c in
            (("org/甲基金会", "Foundation"), ("org/乙基金会", "Foundation"),
             ("place/屯留区", "District"))]
    joint = [Fact(d, "donatedTo", "place/屯留区", ev, amount="1000000", joint_donors=2)
             for d in ("org/甲基金会", "org/乙基金会")]
    g = union_graph(build_dataset([art], ents, joint))
    marks = {(g.value(st, RDF.subject), g.value(st, KG.amount), g.value(st, KG.jointDonors))
             for st in g.subjects(RDF.predicate, KG.donatedTo)}
    assert marks == {(entity_iri(d), Literal("1000000", datatype=XSD.decimal),
                      Literal(2)) for d in ("org/甲基金会", "org/乙基金会")}
    assert next(iter(marks))[2].datatype == XSD.integer
    # the same sum as each donor's own is another statement, without the mark
    own = [dataclasses.replace(f, joint_donors=0) for f in joint]
    g_own = union_graph(build_dataset([art], ents, own))
    assert not list(g_own.triples((None, KG.jointDonors, None)))
    assert set(g_own.subjects(RDF.predicate, KG.donatedTo)).isdisjoint(
        g.subjects(RDF.predicate, KG.donatedTo))


def _oxigraph_triples(data: bytes, fmt: str) -> set[str]:
    """The triples of ``data`` as an Oxigraph store holds them (numbers in canonical form:
    rdflib writes the decimal 5031400 as 5031400.0)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(data, {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}[fmt])
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store}


def _rdflib_triples(data: bytes, fmt: str) -> set[str]:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return {f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o, _g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("key", AWKWARD)
def test_writer_output_reads_the_same_in_rdflib_and_oxigraph(key):
    text = 'He said "a\\b"\nline two\r\n“引号” 屯留区'
    art = Article(id="p 1", source='p "1".txt', text=text, headline=text[:9], byline="记者 张三")
    ev = Evidence("p 1", 0, len(text), text)
    ents = [Entity(key, "School", key, frozenset({key, text}), frozenset({"x\\y"}),
                   frozenset({"p 1"}), "1404"),
            Entity("place/屯留区", "District", "屯留区", frozenset({"屯留区"}), articles=frozenset({"p 1"}))]
    facts = [Fact(key, "locatedIn", "place/屯留区", ev), Fact(key, "jobTitle", text, ev, literal=True),
             Fact(key, "totalInvestment", "5031400", ev, literal=True, qualifier="约")]
    trig = io.BytesIO()
    writer = GraphWriter(None, trig, {e.key: e for e in ents})
    for article_id in ("p 1",):
        writer.article(article_id, art, [e.key for e in ents], facts)
    data = trig.getvalue()
    mine = _oxigraph_triples(data, "trig")
    assert len(mine) == 5 + 7 + 4 + 3 + 16 + 5  # article, two entities, facts, statements, evidence
    parsed = Graph()
    for s, p, o, _g in build_dataset([art], ents, facts).quads((None, None, None, None)):
        parsed.add((s, p, o))
    assert (entity_iri(key), RDFS.label, Literal(key, lang="zh")) in parsed
    assert {str(o) for o in parsed.objects(entity_iri(key), KG.jobTitle)} == {text}
    # rdflib's own serializer of what rdflib read, read by Oxigraph: the same triples
    assert _oxigraph_triples(parsed.serialize(format="turtle").encode("utf-8"), "turtle") == mine


def test_sample_graph_reads_the_same_in_rdflib_and_oxigraph(sample_build):
    ttl = (sample_build / "graph.ttl").read_bytes()
    trig = (sample_build / "graph.trig").read_bytes()
    by_oxigraph = _oxigraph_triples(ttl, "turtle")
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert len(by_oxigraph) == report["triples"] > 2000  # every triple written once
    assert _oxigraph_triples(trig, "trig") == by_oxigraph  # the union of the named graphs
    rdflib_graph = Graph().parse(data=ttl.decode("utf-8"), format="turtle")
    assert len(rdflib_graph) == len(by_oxigraph)
    assert _oxigraph_triples(rdflib_graph.serialize(format="nt").encode("utf-8"), "turtle") == \
        by_oxigraph
