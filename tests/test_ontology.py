"""ontology/kg.ttl defines exactly the terms of ``kg.namespaces.KG``, labelled in zh and en, with
the class hierarchy and alignments the graph model relies on; ontology/shapes.ttl is valid SHACL."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, PROV, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import SH

from kg.namespaces import (AMOUNT_ATTRIBUTES, ATTRIBUTES, COARSE_CLASSES, DOCUMENT_CLASSES,
                           ENTITY_CLASSES, KG, META_PROPERTIES, ONTOLOGY_IRI, ORG,
                           ORGANIZATION_CLASSES, PLACE_CLASSES, RELATIONS, SCHEMA,
                           SYMMETRIC_RELATIONS)

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
ZH_RELATION_LABELS = {
    "partnerOf": "合作伙伴", "trainedAt": "培训于", "visited": "考察", "donatedTo": "捐赠",
    "locatedIn": "位于", "signedAgreementWith": "签约", "spouseOf": "配偶",
    "establishedBy": "设立者", "subOrganizationOf": "隶属于", "worksFor": "任职于",
    "organizerOf": "主办", "participatedIn": "参与",
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")


def kg_names(graph: Graph, kind: URIRef) -> set[str]:
    ns = str(KG)
    return {str(s)[len(ns):] for s in graph.subjects(RDF.type, kind) if str(s).startswith(ns)}


def ancestors(graph: Graph, cls: URIRef) -> set[URIRef]:
    return set(graph.transitive_objects(cls, RDFS.subClassOf)) - {cls}


def test_header_names_version_label_and_comment(onto):
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(header, OWL.versionInfo)) == "0.1.0"
    assert {l.language for l in onto.objects(header, RDFS.label)} == {"en", "zh"}
    assert {c.language for c in onto.objects(header, RDFS.comment)} == {"en", "zh"}


def test_defined_terms_equal_the_kg_namespace_both_ways(onto):
    defined = set().union(*(kg_names(onto, kind) for kind in DECLARATIONS))
    assert defined == set(dir(KG))
    # and no other kg: IRI is used anywhere (a typo in a domain would show up here)
    used = {str(t)[len(str(KG)):] for triple in onto for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used == set(dir(KG))


def test_each_term_has_the_right_kind(onto):
    assert kg_names(onto, OWL.Class) == set(ENTITY_CLASSES + COARSE_CLASSES + DOCUMENT_CLASSES)
    assert kg_names(onto, OWL.ObjectProperty) == set(RELATIONS) | {"mentionedIn"}
    assert kg_names(onto, OWL.DatatypeProperty) == \
        set(ATTRIBUTES + META_PROPERTIES) - {"mentionedIn"}
    assert kg_names(onto, OWL.SymmetricProperty) == set(SYMMETRIC_RELATIONS)


@pytest.mark.parametrize("name", sorted(dir(KG)))
def test_every_term_has_one_zh_and_one_en_label_and_definition(onto, name):
    term = KG[name]
    labels = sorted((l.language, str(l)) for l in onto.objects(term, RDFS.label))
    assert [lang for lang, _ in labels] == ["en", "zh"], labels
    definitions = sorted(d.language for d in onto.objects(term, SKOS.definition))
    assert definitions == ["en", "zh"]
    assert (term, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) in onto


def test_relation_labels_in_chinese_are_the_edge_labels(onto):
    zh = {name: str(l) for name in RELATIONS for l in onto.objects(KG[name], RDFS.label)
          if l.language == "zh"}
    assert zh == ZH_RELATION_LABELS


def test_class_hierarchy(onto):
    for name in PLACE_CLASSES:
        assert KG.Place in ancestors(onto, KG[name]), name
    for name in set(PLACE_CLASSES) - {"ResidentialCompound"}:
        assert KG.AdministrativeArea in ancestors(onto, KG[name]), name
    assert KG.Place in ancestors(onto, KG.AdministrativeArea)
    for name in ORGANIZATION_CLASSES:
        assert KG.Organization in ancestors(onto, KG[name]), name
    assert KG.Facility in ancestors(onto, KG.HistoricSite)
    assert KG.Project in ancestors(onto, KG.CooperationProgram)
    assert PROV.Entity in ancestors(onto, KG.Article)
    assert PROV.Entity in ancestors(onto, KG.Evidence)


@pytest.mark.parametrize("term, parent, prop", [
    (KG.Place, SCHEMA.Place, RDFS.subClassOf),
    (KG.AdministrativeArea, SCHEMA.AdministrativeArea, RDFS.subClassOf),
    (KG.Organization, ORG.Organization, RDFS.subClassOf),
    (KG.GovernmentAgency, SCHEMA.GovernmentOrganization, RDFS.subClassOf),
    (KG.University, SCHEMA.CollegeOrUniversity, RDFS.subClassOf),
    (KG.Hospital, SCHEMA.Hospital, RDFS.subClassOf),
    (KG.Company, SCHEMA.Corporation, RDFS.subClassOf),
    (KG.MediaOutlet, SCHEMA.NewsMediaOrganization, RDFS.subClassOf),
    (KG.Person, SCHEMA.Person, RDFS.subClassOf),
    (KG.Article, SCHEMA.NewsArticle, RDFS.subClassOf),
    (KG.locatedIn, SCHEMA.containedInPlace, RDFS.subPropertyOf),
    (KG.subOrganizationOf, ORG.subOrganizationOf, RDFS.subPropertyOf),
    (KG.worksFor, SCHEMA.worksFor, RDFS.subPropertyOf),
    (KG.jobTitle, SCHEMA.jobTitle, RDFS.subPropertyOf),
    (KG.startDate, SCHEMA.startDate, RDFS.subPropertyOf),
    (KG.foundingDate, SCHEMA.foundingDate, RDFS.subPropertyOf),
    (KG.organizerOf, SCHEMA.organizer, OWL.inverseOf),
])
def test_alignments(onto, term, parent, prop):
    assert (term, prop, parent) in onto


def test_properties_have_domains_and_ranges(onto):
    for name in RELATIONS + ATTRIBUTES:
        assert onto.value(KG[name], RDFS.domain) is not None, name
        assert onto.value(KG[name], RDFS.range) is not None, name
    for name in AMOUNT_ATTRIBUTES:
        assert str(onto.value(KG[name], RDFS.range)) == "http://www.w3.org/2001/XMLSchema#decimal"
    assert onto.value(KG.spouseOf, RDFS.domain) == KG.Person


def test_external_terms_are_declared_for_owl_dl(onto):
    """Protégé / OWL API want every class and property used in an axiom declared."""
    for s, p, o in onto:
        if p == RDFS.subClassOf and isinstance(o, URIRef):
            assert (o, RDF.type, OWL.Class) in onto, o
        if p in (RDFS.subPropertyOf, OWL.inverseOf):
            kinds = set(onto.objects(s, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
            assert kinds and kinds <= set(onto.objects(o, RDF.type)), (s, o)


def test_shapes_parse_and_use_only_kg_terms():
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 8
    targets = set(shapes.objects(None, SH.targetClass))
    assert {KG[c] for c in ENTITY_CLASSES} <= targets
    used = {t for triple in shapes for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    assert used <= {KG[name] for name in dir(KG)}


def test_shapes_are_valid_shacl():
    from pyshacl import validate

    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    conforms, _report, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
