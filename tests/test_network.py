"""The entity network read from RDF, and the subgraph kg viz selects from it."""
from __future__ import annotations

import pytest
from rdflib import Graph

from kg.errors import InputError
from kg.network import Selection, find_entities, read_network, select
from kg.graph import entity_iri

from .test_viz import DONGCHENG, HOSPITAL, LABELS, LONGFU, TUNLIU, small_graph

IRI = {key: str(entity_iri(key)) for key in (DONGCHENG, TUNLIU, HOSPITAL, LONGFU)}


@pytest.fixture(scope="module")
def net():
    return read_network(small_graph()[0])


def labels(network) -> list[str]:
    return [n.label for n in network.nodes.values()]


def test_nodes_edges_and_facts(net):
    s1, s2 = small_graph()[1]
    assert labels(net) == ["北京市东城区", "北京市隆福医院", "屯留区", "屯留区人民医院"]
    dongcheng = net.nodes[IRI[DONGCHENG]]
    assert (dongcheng.names, dongcheng.hidden, dongcheng.classes, dongcheng.coarse) == (
        ("北京市东城区", "东城区"), (), ("District",), "Place")
    assert [(f.predicate, net.nodes[f.subject].label, net.nodes[f.obj].label) for f in net.edges] \
        == [("partnerOf", "北京市东城区", "屯留区"), ("trainedAt", "屯留区人民医院", "北京市隆福医院")]
    partner = net.edges[0]
    assert partner.symmetric and [s for s, _a in partner.evidence] == [s1]
    assert [(f.predicate, f.obj, f.literal) for f in net.facts[IRI[TUNLIU]]] == [
        ("partnerOf", IRI[TUNLIU], False), ("totalInvestment", "5031400", True)]
    assert net.headlines == {net.nodes[IRI[TUNLIU]].articles[0]: "东城屯留携手"}
    assert [s for s, _a in net.edges[1].evidence] == [s2]


def test_find_entities_by_any_label(net):
    assert find_entities(net, "东城区") == [IRI[DONGCHENG]]
    assert find_entities(net, " 东城 区") == [IRI[DONGCHENG]]  # spaces and width ignored
    assert find_entities(net, IRI[LONGFU]) == [IRI[LONGFU]]
    with pytest.raises(InputError) as err:
        find_entities(net, "东城")
    assert str(err.value) == "--focus 东城: no entity has this name; near matches: 东城区, 北京市东城区"
    with pytest.raises(InputError, match=r"^--focus 上海: no entity has this name$"):
        find_entities(net, "上海")


@pytest.mark.parametrize("sel, shown", [
    (Selection(), ["北京市东城区", "北京市隆福医院", "屯留区", "屯留区人民医院"]),
    (Selection(focus=("屯留区",), hops=1), ["北京市东城区", "屯留区"]),
    (Selection(focus=("屯留区",), hops=0), ["屯留区"]),
    (Selection(focus=("屯留区", "隆福医院"), hops=1), ["北京市东城区", "北京市隆福医院", "屯留区",
                                                   "屯留区人民医院"]),
    (Selection(classes=("Hospital",)), ["北京市隆福医院", "屯留区人民医院"]),
    (Selection(classes=("Place",)), ["北京市东城区", "屯留区"]),
    (Selection(predicates=("培训于",)), ["北京市隆福医院", "屯留区人民医院"]),
    (Selection(predicates=("partner of",)), ["北京市东城区", "屯留区"]),
    (Selection(max_nodes=1), ["北京市东城区"]),  # all of degree 1: the first label
    (Selection(focus=("北京市隆福医院",), max_nodes=1), ["北京市隆福医院"]),
])
def test_select(net, sel, shown):
    assert labels(select(net, sel, LABELS)) == shown


def test_select_says_what_it_left_out(net):
    sub = select(net, Selection(focus=("屯留区",), hops=1, max_nodes=5), LABELS)
    assert [(f.predicate, f.subject, f.obj) for f in sub.edges] == [
        ("partnerOf", IRI[DONGCHENG], IRI[TUNLIU])]
    assert sub.notes == [
        "未显示 2 个实体、1 条关系 (left out: 2 entities, 1 relations), "
        "按 --focus 屯留区 --hops 1 --max-nodes 5",
        "未显示的实体 (left out by class): Organization 2"]
    assert select(net, Selection(), LABELS).notes == []


@pytest.mark.parametrize("sel, message", [
    (Selection(classes=("Planet",)), "--classes Planet: unknown; use one of City, "),
    (Selection(predicates=("likes",)), "--predicates likes: unknown; use one of donatedTo, "),
    (Selection(hops=-1), "--hops must be 0 or more"),
    (Selection(max_nodes=0), "--max-nodes must be 1 or more"),
])
def test_bad_selection(net, sel, message):
    with pytest.raises(InputError) as err:
        select(net, sel, LABELS)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize("sel, message", [
    (Selection(classes=("Person",)), "--classes Person: the graph has no entity of these classes"),
    (Selection(focus=("屯留区",), classes=("Hospital",)),
     "--classes Hospital leaves out the --focus entity 屯留区 (District)"),
    (Selection(focus=("屯留区", "东城区"), hops=3, classes=("Organization",), predicates=("partnerOf",)),
     "--classes Organization leaves out the --focus entities 北京市东城区 (District), "
     "屯留区 (District)"),
    (Selection(classes=("Place",), predicates=("trainedAt",)),
     "--predicates trainedAt: no such relation between two entities of --classes Place"),
])
def test_a_selection_that_leaves_nothing_to_draw_names_the_option(net, sel, message):
    with pytest.raises(InputError) as err:
        select(net, sel, LABELS)
    assert str(err.value) == f"nothing to draw: {message}"


def test_a_focus_entity_left_out_while_another_is_shown_is_noted(net):
    sub = select(net, Selection(focus=("屯留区", "隆福医院"), hops=1, classes=("Hospital",)), LABELS)
    assert labels(sub) == ["北京市隆福医院", "屯留区人民医院"]
    assert sub.notes[0] == "--focus 的实体 屯留区 被 --classes 排除 (the focus entity 屯留区 is left " \
                           "out by --classes)"


def test_an_empty_network_is_no_error():
    empty = read_network(Graph())
    assert (empty.nodes, select(empty, Selection(classes=("Person",)), LABELS).nodes) == ({}, {})


def test_most_specific_class_drops_the_coarse_one():
    from kg.network import most_specific

    assert most_specific({"HistoricSite", "Facility"}) == ("HistoricSite",)
    assert most_specific({"District", "Place"}) == ("District",)
    assert most_specific({"CooperationProgram", "Project"}) == ("CooperationProgram",)
    assert most_specific({"Facility"}) == ("Facility",)
